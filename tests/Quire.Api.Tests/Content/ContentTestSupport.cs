using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.Content;

/// <summary>Creating and reading content, shared by the content test classes.</summary>
public static class ContentTestSupport
{
    public const string ContentUrl = "/wiki/rest/api/content";

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
}
