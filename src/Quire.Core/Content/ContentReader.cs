using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Storage;
using Quire.Storage.Content;

namespace Quire.Core.Content;

/// <summary>
/// Reads one piece of content for a caller, at its current or an earlier version. Apart from
/// <see cref="ContentService"/> so that a read, the most frequent request, builds only what it
/// needs (the visibility check and the store) and not the writing side's services.
/// </summary>
public sealed class ContentReader(ContentAccess access, ContentStore store)
{
    /// <summary>
    /// Reads content in one of the asked statuses (default current); with <paramref name="version"/>,
    /// an earlier version of it, whose status is historical.
    /// </summary>
    public async Task<ContentItem> GetAsync(Caller caller, string? id, IReadOnlyList<string> statuses, int? version, CancellationToken ct = default)
    {
        var (record, space) = await access.ViewableAsync(caller, id, ct);
        var wanted = statuses.Count == 0 ? [ContentRules.Current] : statuses;
        var any = wanted.Contains("any");
        if (version is { } number && number != record.Version)
        {
            if (!any && !wanted.Contains(ContentRules.Historical) && !wanted.Contains(record.Status))
                throw new NotFoundException($"No content with id '{id}' was found.");
            var old = (await store.VersionsAsync([record.Id], [number], ct)).FirstOrDefault()
                ?? throw new NotFoundException($"Content {id} has no version {number}.");
            return new ContentItem(AsHistorical(record, old), space, Latest: false);
        }
        if (!any && !wanted.Contains(record.Status))
            throw new NotFoundException($"No content with id '{id}' and status {string.Join(", ", wanted)} was found.");
        return new ContentItem(record, space);
    }

    /// <summary>
    /// A keyset page of the content the caller may read that matches <paramref name="listing"/>
    /// (v2's listings), each with its space: one query for the rows, one for their spaces.
    /// </summary>
    public async Task<KeysetPage<ContentItem>> ListAsync(
        Caller caller, ContentListing listing, ContentOrder order, KeysetRequest page, CancellationToken ct = default)
    {
        var rows = await store.ListAfterAsync(listing, Spaces.SpaceAccess.ViewerOf(caller), order, page.After, page.FetchCount, ct);
        var spaces = (await store.SpacesAsync(rows.Select(r => r.SpaceId).Distinct().ToList(), ct)).ToDictionary(s => s.Id);
        var items = rows.Where(r => spaces.ContainsKey(r.SpaceId)).Select(r => new ContentItem(r, spaces[r.SpaceId])).ToList();
        return KeysetPage<ContentItem>.FromOverfetch(items, page, i => new Keyset(order.ValueOf(i.Content), i.Content.Id));
    }

    /// <summary>An earlier version shaped as the content it was, for rendering like any content.</summary>
    public static ContentRecord AsHistorical(ContentRecord current, ContentVersionRecord version) => current with
    {
        Status = ContentRules.Historical, Title = version.Title, BodyStorage = version.BodyStorage, ParentId = version.ParentId,
        Version = version.Number, VersionMessage = version.Message, MinorEdit = version.MinorEdit,
        UpdatedBy = version.CreatedBy, UpdatedAt = version.CreatedAt,
    };
}
