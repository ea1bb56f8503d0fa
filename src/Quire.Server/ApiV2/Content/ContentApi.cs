using System.Globalization;
using System.Text.Json;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Security;

namespace Quire.Server.ApiV2.Content;

/// <summary>
/// The v2 <c>Content</c> group: <c>convert-ids-to-types</c>, for clients moving from v1 with bare ids. Ids the caller
/// may not see map to null exactly like missing ones, so the answer tells nothing about hidden content.
/// </summary>
public static class ContentApi
{
    public static RouteGroupBuilder MapContentApi(this RouteGroupBuilder v2)
    {
        v2.MapPost("/content/convert-ids-to-types", ConvertContentIdsToContentTypes);
        return v2;
    }

    /// <summary>v2's <c>ContentIdToContentTypeResponse</c>: every asked id (once) with its kind or null.</summary>
    public sealed record ContentIdToContentTypeJson(
        IReadOnlyDictionary<string, string?> Results);

    private static async Task<ContentIdToContentTypeJson> ConvertContentIdsToContentTypes(
        JsonElement? body, Caller caller, ContentKindLookup lookup, CancellationToken ct)
    {
        var kinds = await lookup.KindsAsync(caller, Ids(body), ct);
        var results = new Dictionary<string, string?>();
        foreach (var (id, kind) in kinds) results[id] = kind;
        return new ContentIdToContentTypeJson(results);
    }

    /// <summary>The body's <c>contentIds</c>, strings or numbers as the spec allows, as strings; 400 for anything else.</summary>
    private static IReadOnlyList<string> Ids(JsonElement? body)
    {
        if (body is not { ValueKind: JsonValueKind.Object } element || !element.TryGetProperty("contentIds", out var ids))
            throw new BadRequestException("The body must be an object with contentIds.");
        if (ids.ValueKind != JsonValueKind.Array) throw new BadRequestException("contentIds must be an array.");
        return ids.EnumerateArray().Select(id => id.ValueKind switch
        {
            JsonValueKind.String => id.GetString()!,
            JsonValueKind.Number when id.TryGetInt64(out var number) => number.ToString(CultureInfo.InvariantCulture),
            _ => throw new BadRequestException("Each of contentIds must be a string or a whole number."),
        }).ToList();
    }
}
