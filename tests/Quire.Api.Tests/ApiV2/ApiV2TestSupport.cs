using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;

namespace Quire.Api.Tests.ApiV2;

/// <summary>Calls of v2 (<c>/wiki/api/v2</c>) shared by its test classes.</summary>
public static class ApiV2TestSupport
{
    public const string V2 = "/wiki/api/v2";

    /// <summary>Creates a space through v1 and answers its key and its (v2, string) id.</summary>
    public static async Task<(string Key, string Id)> NewSpaceAsync(this HttpClient client)
    {
        var space = await client.CreateSpaceAsync();
        return ((string)space["key"]!, ((long)space["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Creates a page through v2 (<c>POST /pages</c>) with a storage body.</summary>
    public static async Task<JsonNode> CreateV2PageAsync(
        this HttpClient client, string spaceId, string? title = null, string body = "<p>Hello</p>", string? parentId = null,
        string query = "", string? status = null)
    {
        var request = new JsonObject
        {
            ["spaceId"] = spaceId,
            ["title"] = title ?? "Page " + Guid.NewGuid().ToString("N")[..8],
            ["body"] = new JsonObject { ["representation"] = "storage", ["value"] = body },
        };
        if (parentId is not null) request["parentId"] = parentId;
        if (status is not null) request["status"] = status;
        return (await client.PostJson($"{V2}/pages{query}", request)).Expect(HttpStatusCode.OK).Json!;
    }

    /// <summary>
    /// Follows a v2 listing's <c>next</c> links from <paramref name="url"/> to its end, checking on
    /// every page that the <c>Link</c> header names the same next page; answers every result.
    /// <paramref name="betweenPages"/> runs after each page (to change the data mid-walk).
    /// </summary>
    public static async Task<List<JsonNode>> WalkAsync(this HttpClient client, string url, Func<int, Task>? betweenPages = null, int maxPages = 10_000)
    {
        var results = new List<JsonNode>();
        for (var page = 0; page < maxPages; page++)
        {
            var response = (await client.Get(url)).Expect(HttpStatusCode.OK);
            results.AddRange(response.Json!["results"]!.AsArray().Select(r => r!.DeepClone()));
            var next = (string?)response.Json["_links"]?["next"];
            var link = response.Message.Headers.TryGetValues("Link", out var values) ? string.Join(", ", values) : "";
            Assert.Contains("rel=\"base\"", link);
            if (next is null)
            {
                Assert.DoesNotContain("rel=\"next\"", link);
                return results;
            }
            Assert.StartsWith(V2 + "/", next);
            Assert.Contains($"<{next}>; rel=\"next\"", link);
            if (betweenPages is not null) await betweenPages(page);
            url = next;
        }
        throw new InvalidOperationException($"The walk from {url} did not end within {maxPages} pages.");
    }
}
