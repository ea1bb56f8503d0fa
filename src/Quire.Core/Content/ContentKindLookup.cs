using System.Globalization;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Storage.Content;

namespace Quire.Core.Content;

/// <summary>
/// v2's convert-ids-to-types: the kind of each id, for clients that kept v1 ids without their type. Content
/// the caller may not see answers null, exactly like content that does not exist, so nothing leaks; the
/// whole list is looked up in one query.
/// </summary>
public sealed class ContentKindLookup(ContentStore store)
{
    /// <summary>The spec's limit on the ids of one request.</summary>
    public const int MaxIds = 100;

    /// <summary>Each distinct id as the client wrote it, with its kind or null; 400 for an id that is not a content id (digits, attachments' optional <c>att</c> prefix).</summary>
    public async Task<IReadOnlyList<(string Id, string? Kind)>> KindsAsync(
        Caller caller, IReadOnlyList<string>? ids, CancellationToken ct = default)
    {
        if (ids is null) throw new BadRequestException("contentIds is required.");
        if (ids.Count > MaxIds) throw new BadRequestException($"At most {MaxIds} content ids may be converted at once.");
        var asked = ids.Distinct().Select(id => (Id: id, Number: Parse(id))).ToList();
        var found = await store.TypesOfReadableAsync(asked.Select(a => a.Number).Distinct().ToList(), SpaceAccess.ViewerOf(caller), ct);
        // Custom content answers its type's key, as the spec says; built-in kinds their v2 names.
        var kinds = found.ToDictionary(row => row.Id,
            row => ContentRules.IsCustom(row.Type) ? row.Type : ContentKinds.Of(row.Type, row.CommentLocation)?.Name());
        return asked.Select(a => (a.Id, kinds.GetValueOrDefault(a.Number))).ToList();
    }

    private static long Parse(string id)
    {
        var digits = id.StartsWith("att", StringComparison.Ordinal) ? id[3..] : id;
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new BadRequestException($"'{id}' is not a content id.");
    }
}
