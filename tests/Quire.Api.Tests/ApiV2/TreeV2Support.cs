using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.ApiV2;

/// <summary>Calls and checks the tree helper's v2 tests share: walking a cursor listing to its end, v2 error bodies.</summary>
public static class TreeV2Support
{
    public const string V2 = "/wiki/api/v2";

    /// <summary>Asserts v2's error body (<c>{"errors":[{"status","code","title"}]}</c>) with this status.</summary>
    public static ApiResponse ExpectV2Error(this ApiResponse response, HttpStatusCode status)
    {
        response.Expect(status);
        var error = response.Json?["errors"]?[0];
        Assert.Equal((int)status, (int?)error?["status"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)error?["code"]), response.Body);
        Assert.False(string.IsNullOrWhiteSpace((string?)error?["title"]), response.Body);
        return response;
    }

    /// <summary>The listing's results, in order.</summary>
    public static List<JsonNode> Results(this ApiResponse response) =>
        response.Expect(HttpStatusCode.OK).Json!["results"]!.AsArray().Select(r => r!).ToList();

    /// <summary>A member of each result, as text.</summary>
    public static List<string?> Each(this IEnumerable<JsonNode> results, string member) =>
        results.Select(r => (string?)r[member]?.ToString()).ToList();

    /// <summary>
    /// Follows <c>_links.next</c> from <paramref name="url"/> to the last page, checking that each next link is relative to
    /// the host, starts with /wiki/api/v2 and is the one the <c>Link</c> header gives; <paramref name="between"/> runs after each page.
    /// </summary>
    public static async Task<List<JsonNode>> WalkAsync(this HttpClient client, string url, Func<Task>? between = null, int maxPages = 500)
    {
        var all = new List<JsonNode>();
        for (var pages = 0; url is not null; pages++)
        {
            Assert.True(pages < maxPages, "The walk does not end.");
            var response = (await client.Get(url)).Expect(HttpStatusCode.OK);
            all.AddRange(response.Json!["results"]!.AsArray().Select(r => r!));
            var next = (string?)response.Json!["_links"]?["next"];
            Assert.NotNull(response.Json!["_links"]?["base"]);
            var link = string.Join(",", response.Message.Headers.TryGetValues("Link", out var values) ? values : []);
            if (next is not null)
            {
                Assert.StartsWith("/wiki/api/v2/", next);
                Assert.Contains($"<{next}>; rel=\"next\"", link);
            }
            else Assert.DoesNotContain("rel=\"next\"", link);
            url = next!;
            if (next is not null && between is not null) await between();
        }
        return all;
    }
}
