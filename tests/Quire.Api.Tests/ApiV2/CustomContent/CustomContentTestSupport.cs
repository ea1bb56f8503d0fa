using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;

namespace Quire.Api.Tests.ApiV2.CustomContent;

/// <summary>Declaring custom content types (the admin endpoint) and creating custom content through v2, for the tests that need some.</summary>
public static class CustomContentTestSupport
{
    public const string TypesUrl = "/wiki/rest/api/admin/custom-content-types";

    /// <summary>Declares a new type (a fresh key) as a site admin; answers its key. <c>{self}</c> in a list stands for the type itself.</summary>
    public static async Task<string> DeclareTypeAsync(
        this HttpClient admin, string[]? containers = null, string[]? children = null, string? key = null)
    {
        key ??= "ac:quire-test:t" + Guid.NewGuid().ToString("N")[..10];
        var apiSupport = new JsonObject();
        if (containers is not null) apiSupport["supportedContainerTypes"] = new JsonArray([.. containers.Select(c => (JsonNode)c.Replace("{self}", key))]);
        if (children is not null) apiSupport["supportedChildTypes"] = new JsonArray([.. children.Select(c => (JsonNode)c.Replace("{self}", key))]);
        var declared = (await admin.PostJson(TypesUrl, new JsonObject { ["key"] = key, ["name"] = "Test type", ["apiSupport"] = apiSupport }))
            .Expect(HttpStatusCode.Created).Json!;
        Assert.Equal(key, (string)declared["key"]!);
        return key;
    }

    /// <summary>Creates custom content through v2 in a space (<paramref name="place"/> spaceId) or a container (pageId, blogPostId, customContentId).</summary>
    public static async Task<JsonNode> CreateCustomContentAsync(
        this HttpClient client, string type, string place, string placeId, string? title = null, string body = "<p>custom</p>")
    {
        var request = new JsonObject
        {
            ["type"] = type,
            [place] = placeId,
            ["title"] = title ?? "Custom " + Guid.NewGuid().ToString("N")[..8],
            ["body"] = new JsonObject { ["representation"] = "storage", ["value"] = body },
        };
        return (await client.PostJson($"{V2}/custom-content", request)).Expect(HttpStatusCode.Created).Json!;
    }
}
