using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.ApiV2;

/// <summary>Checks the v2 tests of the tree groups (versions, labels, children) share, beside <see cref="ApiV2TestSupport"/>.</summary>
public static class TreeV2Support
{
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

    /// <summary>The listing's results, in order (200 asserted).</summary>
    public static List<JsonNode> Results(this ApiResponse response) =>
        response.Expect(HttpStatusCode.OK).Json!["results"]!.AsArray().Select(r => r!).ToList();

    /// <summary>A member of each result, as text.</summary>
    public static List<string?> Each(this IEnumerable<JsonNode> results, string member) =>
        results.Select(r => r[member]?.ToString()).ToList();
}
