using System.Globalization;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Storage;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Storage.Content;
using Quire.Storage.Spaces;

namespace Quire.Core.Content;

/// <summary>How far below the content a listing reaches, and which comments it takes.</summary>
public sealed record TreeQuery(string Type, string? Depth, IReadOnlyList<string> Locations);

/// <summary>Lists the children and descendants of content, and the content of a space.</summary>
public sealed class ContentTreeService(ContentAccess access, SpaceAccess spaceAccess, ContentTreeStore tree, ContentStore content)
{
    /// <summary>The deepest level a descendant listing may name (the spec's range is 1 to 100).</summary>
    public const int MaxDepth = 100;

    private static readonly HashSet<string> CommentLocations = [ContentRules.Footer, ContentRules.Inline, "resolved"];

    /// <summary>The child types each content type has, as the spec lists them.</summary>
    public static IReadOnlyList<string> ChildTypesOf(string type) => type switch
    {
        ContentRules.Page => [ContentRules.Page, ContentRules.Comment, ContentRules.Attachment],
        ContentRules.BlogPost => [ContentRules.Comment, ContentRules.Attachment],
        ContentRules.Attachment => [ContentRules.Comment],
        // A folder (or whiteboard, database, smart link) holds pages, as Cloud's v1 lists a folder's pages under child.page.
        ContentRules.Folder or ContentRules.Whiteboard or ContentRules.Database or ContentRules.Embed => [ContentRules.Page],
        // Custom content takes comments and attachments (where its declaration allows them; its custom children are v2's /children).
        _ when ContentRules.IsCustom(type) => [ContentRules.Comment, ContentRules.Attachment],
        _ => [ContentRules.Attachment],
    };

    /// <summary>The viewable content whose children are asked for, at the version the client named (only the latest is served).</summary>
    public async Task<ContentItem> ParentAsync(Caller caller, string? id, int? parentVersion, CancellationToken ct = default)
    {
        var (record, space) = await access.ViewableAsync(caller, id, ct);
        if (parentVersion < 0) throw new BadRequestException("parentVersion must not be negative.");
        if (parentVersion is > 0 and var v && v != record.Version)
            throw new NotFoundException($"Children of content {id} are only available for its latest version, {record.Version}.");
        return new ContentItem(record, space);
    }

    /// <summary>Direct children (<paramref name="descendants"/> false) or descendants of one type, visible to the caller.</summary>
    public async Task<Page<Storage.Content.ContentRecord>> ListAsync(
        Caller caller, ContentItem parent, TreeQuery query, bool descendants, PageRequest page, CancellationToken ct = default)
    {
        var type = query.Type;
        if (type is not (ContentRules.Page or ContentRules.Comment or ContentRules.Attachment))
            throw new BadRequestException($"Child type '{type}' is not supported; use page, comment or attachment.");
        var locations = Locations(query.Locations);
        var depth = Depth(query.Depth, type, descendants);
        if (!ChildTypesOf(parent.Content.Type).Contains(type))
            return new Page<Storage.Content.ContentRecord>([], page, false);
        var filter = new TreeFilter(parent.Content.Id, parent.Space.Id, type, depth, locations);
        var rows = await tree.ListAsync(filter, SpaceAccess.ViewerOf(caller), page.Start, page.FetchCount, ct);
        return Page<Storage.Content.ContentRecord>.FromOverfetch(rows, page);
    }

    /// <summary>
    /// One page of a keyset walk over the current child pages of a page the caller may read that the caller may also read,
    /// in <paramref name="order"/>; content other than a page has no child pages. With <paramref name="wholeTree"/>, the
    /// children of every page-tree type (folders, whiteboards, databases, smart links beside pages).
    /// </summary>
    public async Task<KeysetPage<Storage.Content.ContentRecord>> ChildPagesAsync(
        Caller caller, ContentItem parent, ContentOrder order, KeysetRequest page, CancellationToken ct = default, bool wholeTree = false)
    {
        if (!ContentRules.InPageTree(parent.Content.Type)) return new KeysetPage<Storage.Content.ContentRecord>([], null);
        var rows = await tree.ChildPagesAfterAsync(
            parent.Content.Id, parent.Space.Id, SpaceAccess.ViewerOf(caller), order, page.After, page.FetchCount, ct, wholeTree);
        return KeysetPage<Storage.Content.ContentRecord>.FromOverfetch(rows, page, row => new Keyset(order.ValueOf(row), row.Id));
    }

    /// <summary>How deep v2's descendant listing goes when the client names no depth (Cloud's default).</summary>
    public const int DefaultDescendantDepth = 5;

    /// <summary>
    /// One page of a keyset walk over the current descendant pages of a page the caller may read, down to
    /// <paramref name="depth"/> levels (1 to <see cref="MaxDepth"/>, 400 otherwise), level by level; pages the
    /// caller may not read are left out with everything below them.
    /// </summary>
    public async Task<KeysetPage<DescendantRecord>> DescendantPagesAsync(
        Caller caller, ContentItem parent, int? depth, KeysetRequest page, CancellationToken ct = default)
    {
        var levels = depth ?? DefaultDescendantDepth;
        if (levels is < 1 or > MaxDepth) throw new BadRequestException($"depth must be a number from 1 to {MaxDepth}, not {levels}.");
        if (!ContentRules.InPageTree(parent.Content.Type)) return new KeysetPage<DescendantRecord>([], null);
        var rows = await tree.DescendantPagesAfterAsync(
            parent.Content.Id, parent.Space.Id, SpaceAccess.ViewerOf(caller), levels, page.After, page.FetchCount, ct);
        return KeysetPage<DescendantRecord>.FromOverfetch(rows, page, row => row.Key);
    }

    /// <summary>
    /// The nearest <paramref name="limit"/> ancestors of a page (or folder, whiteboard, database, smart link) the caller may
    /// read that the caller may also read, highest first (v2's order: a client asks again with the highest one's id for those
    /// above it). The chain runs through every page-tree type, so a page in a folder has the folder among its ancestors.
    /// </summary>
    public async Task<IReadOnlyList<AncestorRecord>> PageAncestorsAsync(Caller caller, ContentItem page, int limit, CancellationToken ct = default)
    {
        if (!ContentRules.InPageTree(page.Content.Type)) return [];
        var nearestFirst = await content.AncestorsAsync([page.Content.Id], SpaceAccess.ViewerOf(caller), ct);
        return nearestFirst.Take(limit).Reverse().ToList();
    }

    /// <summary>Pages or blog posts of a space the caller may read, by id; <c>depth=root</c> keeps top-level pages only.</summary>
    public async Task<Page<Storage.Content.ContentRecord>> InSpaceAsync(
        Caller caller, string spaceKey, string type, string? depth, PageRequest page, CancellationToken ct = default)
    {
        var rootOnly = depth switch
        {
            null or "" or "all" => false,
            "root" => true,
            _ => throw new BadRequestException($"depth must be all or root, not '{depth}'."),
        };
        var space = await spaceAccess.ViewableAsync(caller, spaceKey, ct);
        if (type is not (ContentRules.Page or ContentRules.BlogPost))
            throw new BadRequestException($"Content type '{type}' is not supported in a space listing; use page or blogpost.");
        var rows = await tree.InSpaceAsync(space.Id, type, rootOnly, SpaceAccess.ViewerOf(caller), page.Start, page.FetchCount, ct);
        return Page<Storage.Content.ContentRecord>.FromOverfetch(rows, page);
    }


    /// <summary>
    /// One page of a keyset walk over the top level of a space's page tree the caller may read: its pages and its folders,
    /// whiteboards, databases and smart links without a parent, in the tree's order (position, then id), as the tree shows
    /// them beside its pages; the next page starts after the last one's position and id.
    /// </summary>
    public async Task<(SpaceRecord Space, KeysetPage<Storage.Content.ContentRecord> Roots)> TreeRootsAsync(
        Caller caller, string spaceKey, KeysetRequest page, CancellationToken ct = default)
    {
        var space = await spaceAccess.ViewableAsync(caller, spaceKey, ct);
        var rows = await tree.TreeRootsAfterAsync(space.Id, SpaceAccess.ViewerOf(caller), page.After, page.FetchCount, ct);
        return (space, KeysetPage<Storage.Content.ContentRecord>.FromOverfetch(
            rows, page, row => new Keyset(TreeRootsQuery.Position.ValueOf(row), row.Id)));
    }

    /// <summary>Which of the given page-tree items of <paramref name="space"/> have children the caller may read (one query).</summary>
    public Task<IReadOnlySet<long>> WithReadableChildrenAsync(
        Caller caller, SpaceRecord space, IReadOnlyCollection<long> ids, CancellationToken ct = default) =>
        tree.WithReadableChildrenAsync(ids, space.Id, SpaceAccess.ViewerOf(caller), ct);

    private static IReadOnlyList<string>? Locations(IReadOnlyList<string> locations)
    {
        foreach (var location in locations)
            if (!CommentLocations.Contains(location))
                throw new BadRequestException($"location '{location}' is not one of footer, inline, resolved.");
        return locations.Count == 0 ? null : locations.Distinct().ToList();
    }

    /// <summary>
    /// Children are one level, except that comment listings take <c>depth=all</c> to include replies.
    /// Descendants default to all levels and accept root (one level) or a number from 1 to 100.
    /// </summary>
    private static int Depth(string? depth, string type, bool descendants)
    {
        if (string.IsNullOrEmpty(depth)) return descendants ? ContentTreeStore.DepthLimit : 1;
        if (depth == "root") return 1;
        if (depth == "all" && (descendants || type == ContentRules.Comment)) return ContentTreeStore.DepthLimit;
        if (descendants && int.TryParse(depth, NumberStyles.None, CultureInfo.InvariantCulture, out var levels) && levels is >= 1 and <= MaxDepth)
            return levels;
        throw new BadRequestException(descendants
            ? $"depth must be all, root or a number from 1 to {MaxDepth}, not '{depth}'."
            : $"depth must be root or all, not '{depth}'.");
    }
}
