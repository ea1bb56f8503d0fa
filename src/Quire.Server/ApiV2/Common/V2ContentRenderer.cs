using Quire.Core.Content;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Storage.Content;
using Quire.Storage.Users;

namespace Quire.Server.ApiV2.Common;

/// <summary>
/// Renders pages and blog posts as v2 answers them, a page of them at once: one query for the
/// account ids of their authors, one conversion call for their bodies, never one per item.
/// </summary>
public sealed class V2ContentRenderer(V2BodyFormat bodies, UserStore users, V2Links links, ContentStore store)
{
    /// <param name="single">A single answer carries <c>_links.base</c>; a listing's items do not (the envelope does).</param>
    public async Task<IReadOnlyList<V2ContentJson>> RenderAsync(
        IReadOnlyList<ContentItem> items, Caller viewer, string? bodyFormat, bool includeVersion, bool single, CancellationToken ct)
    {
        if (items.Count == 0) return [];
        var accounts = await AccountIdsAsync(items.Select(i => i.Content), ct);
        var spaceKeys = items.DistinctBy(i => i.Content.Id).ToDictionary(i => i.Content.Id, i => i.Space.Key);
        var rendered = await bodies.RenderAsync(items.Select(i => i.Content).ToList(), bodyFormat, row => spaceKeys[row.Id], viewer, ct);
        var parentTypes = await ParentTypesAsync(items.Select(i => i.Content).Where(c => c.Type == ContentRules.Page), viewer, ct);
        return items.Select((item, index) => Render(item, accounts, parentTypes, rendered[index], includeVersion, single)).ToList();
    }

    /// <summary>
    /// The type of each row's parent that the viewer may read (v2's <c>parentType</c>: a page in a folder has the parent
    /// type folder), in one query for all the rows, none when no row has a parent. A parent the viewer cannot read is
    /// missing, so its <c>parentType</c> is left out: its kind is not the viewer's to learn.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, string>> ParentTypesAsync(IEnumerable<ContentRecord> rows, Caller viewer, CancellationToken ct)
    {
        var parentIds = rows.Select(r => r.ParentId).OfType<long>().Distinct().ToList();
        return parentIds.Count == 0
            ? new Dictionary<long, string>()
            : (await store.TypesOfReadableAsync(parentIds, SpaceAccess.ViewerOf(viewer), ct)).ToDictionary(t => t.Id, t => t.Type);
    }

    /// <summary>The account ids of the users who created and last changed the rows, by user id, in one query.</summary>
    public async Task<IReadOnlyDictionary<long, string>> AccountIdsAsync(IEnumerable<ContentRecord> rows, CancellationToken ct)
    {
        var list = rows.ToList();
        // The single-content read joins the creator and the version's author: a page read by id queries no users.
        var known = list.SelectMany(r => new[] { r.KnownAuthor, r.CreatedByUser is { } c && c.Id == r.CreatedBy ? c : null })
            .OfType<Quire.Storage.Users.UserRecord>().DistinctBy(u => u.Id).ToDictionary(u => u.Id, u => u.AccountId);
        var missing = list.SelectMany(r => new[] { r.CreatedBy, r.UpdatedBy, r.OwnerId, r.LastOwnerId }).OfType<long>()
            .Where(id => !known.ContainsKey(id)).Distinct().ToList();
        if (missing.Count == 0) return known;
        foreach (var user in await users.FindManyByIdsAsync(missing, ct)) known[user.Id] = user.AccountId;
        return known;
    }

    /// <summary>The content's current version as v2's <c>Version</c>.</summary>
    public static V2VersionJson VersionOf(ContentRecord content, IReadOnlyDictionary<long, string> accounts) => new()
    {
        CreatedAt = V2Dates.Of(content.UpdatedAt),
        Message = content.VersionMessage,
        Number = content.Version,
        MinorEdit = content.MinorEdit,
        AuthorId = content.UpdatedBy is { } by ? accounts.GetValueOrDefault(by) : null,
    };

    private V2ContentJson Render(
        ContentItem item, IReadOnlyDictionary<long, string> accounts, IReadOnlyDictionary<long, string> parentTypes, V2BodyJson body,
        bool includeVersion, bool single)
    {
        var content = item.Content;
        var author = content.CreatedBy is { } by ? accounts.GetValueOrDefault(by) : null;
        var isPage = content.Type == ContentRules.Page;
        return new V2ContentJson
        {
            Id = V2Links.Id(content.Id),
            Status = content.Status,
            Title = content.Title,
            SpaceId = V2Links.Id(content.SpaceId),
            ParentId = isPage && content.ParentId is { } parent ? V2Links.Id(parent) : null,
            ParentType = isPage && content.ParentId is { } parentOf ? parentTypes.GetValueOrDefault(parentOf) : null,
            Position = isPage ? content.Position : null,
            AuthorId = author,
            // The creator owns what they created until ownership moves (PUT with ownerId).
            OwnerId = content.Owner is { } owner ? accounts.GetValueOrDefault(owner) : null,
            LastOwnerId = content.LastOwnerId is { } last ? accounts.GetValueOrDefault(last) : null,
            CreatedAt = V2Dates.Of(content.CreatedAt),
            Version = includeVersion ? VersionOf(content, accounts) : null,
            Body = body,
            Links = V2Links.Content(content, item.Space.Key, single ? links.Base : null),
        };
    }
}
