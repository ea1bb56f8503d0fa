using System.Text.Json.Serialization;
using Microsoft.AspNetCore.WebUtilities;

namespace Quire.Server.ApiV2.Common;

/// <summary>
/// v2's error body, <c>{"errors":[{"status","code","title","detail"}]}</c>, which Confluence Cloud
/// answers on <c>/wiki/api/v2</c> where v1 answers <c>{statusCode, data, message, reason}</c>.
/// <see cref="Http.ErrorBody.WriteAsync"/> picks it for v2 paths, so every error source (a
/// thrown <c>QuireException</c>, sign-in, routing, size and JSON checks) answers in it.
/// </summary>
public sealed record V2ErrorBody(IReadOnlyList<V2Error> Errors)
{
    public const string BasePath = "/wiki/api/v2";

    /// <summary>Whether a request is a v2 call, answered in v2's error shape.</summary>
    public static bool Applies(PathString path) =>
        path.StartsWithSegments(BasePath, StringComparison.OrdinalIgnoreCase);

    public static V2ErrorBody For(int status, string message) =>
        new([new V2Error(status, CodeOf(status), message, null)]);

    /// <summary>Cloud's codes: a bad request names the parameter problem, the others their status in upper snake case.</summary>
    private static string CodeOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "INVALID_REQUEST_PARAMETER",
        _ => ReasonPhrases.GetReasonPhrase(status).ToUpperInvariant().Replace(' ', '_') is { Length: > 0 } code ? code : "ERROR",
    };
}

/// <param name="Detail">Cloud sends <c>"detail": null</c> when it has nothing more to say; so does Quire.</param>
public sealed record V2Error(
    int Status, string Code, string Title,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Detail);
