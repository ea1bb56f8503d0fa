using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;

namespace Quire.Api.Tests.Content;

/// <summary>Creating and reading content, shared by the content test classes.</summary>
public static class ContentTestSupport
{
    public const string ContentUrl = "/wiki/rest/api/content";

    /// <summary>
    /// Database commands of one request to <paramref name="url"/>: other tests' requests may run meanwhile, so the fewest of
    /// three tries (each answer passed to <paramref name="check"/>). With <paramref name="ownQueryString"/> each try adds a
    /// query parameter of its own, which the endpoints ignore: a kept answer (RenderedAnswerCache) is found by
    /// its query string, and a test of a read's cost measures the read, not the kept answer.
    /// </summary>
    public static async Task<long> FewestCommandsAsync(
        this HttpClient client, Quire.Storage.Database database, string url, bool ownQueryString = true, Action<JsonNode>? check = null)
    {
        var fewest = long.MaxValue;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var tried = ownQueryString ? $"{url}{(url.Contains('?') ? '&' : '?')}try={Guid.NewGuid():N}" : url;
            var before = database.CommandCount;
            var answer = (await client.Get(tried)).Expect(HttpStatusCode.OK);
            fewest = Math.Min(fewest, database.CommandCount - before);
            check?.Invoke(answer.Json!);
        }
        return fewest;
    }

    public static JsonObject StorageBody(string value) =>
        new() { ["storage"] = new JsonObject { ["value"] = value, ["representation"] = "storage" } };

    public static async Task<JsonNode> CreatePageAsync(
        this HttpClient client, string spaceKey, string? title = null, string body = "<p>Hello</p>", string? parentId = null,
        string type = "page", string? status = null)
    {
        var request = new JsonObject
        {
            ["type"] = type,
            ["title"] = title ?? "Page " + Guid.NewGuid().ToString("N")[..8],
            ["space"] = new JsonObject { ["key"] = spaceKey },
            ["body"] = StorageBody(body),
        };
        if (parentId is not null) request["ancestors"] = new JsonArray(new JsonObject { ["id"] = parentId });
        if (status is not null) request["status"] = status;
        return (await client.PostJson(ContentUrl, request)).Expect(HttpStatusCode.OK).Json!;
    }

    public static async Task<JsonNode> UpdateAsync(this HttpClient client, string id, int number, string title, string body)
    {
        var request = new { version = new { number }, type = "page", title, body = StorageBody(body) };
        return (await client.PutJson($"{ContentUrl}/{id}", request)).Expect(HttpStatusCode.OK).Json!;
    }

    public static async Task<JsonNode> GetContentAsync(this HttpClient client, string id, string query = "")
        => (await client.Get($"{ContentUrl}/{id}{query}")).Expect(HttpStatusCode.OK).Json!;

    /// <summary>A page or blog post brought into <paramref name="status"/> (current, trashed or archived) through the API.</summary>
    public static async Task<string> CreateContentInStatusAsync(
        this HttpClient client, string spaceKey, string title, string type = "page", string status = "current")
    {
        var id = (string)(await client.CreatePageAsync(spaceKey, title, type: type))["id"]!;
        switch (status)
        {
            case "current":
                break;
            case "trashed":
                (await client.Delete($"{ContentUrl}/{id}")).Expect(HttpStatusCode.NoContent);
                break;
            case "archived":
                var task = (await client.PostJson($"{ContentUrl}/archive", new { pages = new[] { new { id = long.Parse(id) } } }))
                    .Expect(HttpStatusCode.Accepted).Json!;
                Assert.True((bool?)(await client.WaitForTaskAsync((string)task["id"]!))["successful"]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(status), status, "Not a status content can be brought into here.");
        }
        return id;
    }

    /// <summary>
    /// A new space (created by <paramref name="owner"/>) and the id of its homepage. With
    /// <paramref name="readers"/>, only they (and the owner) may read it, and nothing more.
    /// </summary>
    public static async Task<(string Key, long SpaceId, string HomepageId)> CreateSpaceWithHomepageAsync(
        this HttpClient owner, bool isPrivate = false, string[]? readers = null)
    {
        var key = SpaceTestSupport.NewKey();
        var space = await owner.CreateSpaceAsync(key, isPrivate: isPrivate,
            permissions: readers is null ? null : [SpaceTestSupport.Permission("read", "space", readers)]);
        var expanded = (await owner.Get($"/wiki/rest/api/space/{key}?expand=homepage")).Expect(HttpStatusCode.OK).Json!;
        return (key, (long)space["id"]!, (string)expanded["homepage"]!["id"]!);
    }
}
