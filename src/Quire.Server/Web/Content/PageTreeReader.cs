using System.Globalization;
using Quire.Core.Content;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Storage;
using Quire.Storage.Content;
using Quire.Storage.Spaces;

namespace Quire.Server.Web.Content;

/// <summary>
/// The page tree one level at a time, as the caller may see it (the services of the API's children and space
/// content listings): a space's top-level pages, or a node's children in their tree order. Each level is capped
/// (<see cref="LevelCap"/>); the rest of a level is one "more" link away, so a huge tree never renders at once.
/// </summary>
public sealed class PageTreeReader(ContentTreeService tree)
{
    public const int LevelCap = 50;

    /// <summary>
    /// The space's page-tree items without a parent (its home page, and folders, whiteboards, databases and smart links at
    /// the top), in the tree's order, after <paramref name="after"/> (a previous "more", as a node's children take it): one
    /// query for the level and one for which of its nodes have children.
    /// </summary>
    public async Task<PageTreeLevel> RootsAsync(Caller caller, string spaceKey, string? after, CancellationToken ct)
    {
        var (space, page) = await tree.TreeRootsAsync(caller, spaceKey, new KeysetRequest(ParseAfter(after), LevelCap), ct);
        var more = page.Next is { } next ? $"{WebLinks.Space(space.Key)}?treeAfter={AfterOf(next)}" : null;
        return new PageTreeLevel(await NodesAsync(caller, space, page.Results, ct), more);
    }

    /// <summary>The children of <paramref name="parentId"/> of every page-tree kind, after <paramref name="after"/> (a previous "more").</summary>
    public async Task<(ContentItem Parent, PageTreeLevel Level)> ChildrenAsync(Caller caller, long parentId, string? after, CancellationToken ct)
    {
        var parent = await tree.ParentAsync(caller, parentId.ToString(CultureInfo.InvariantCulture), null, ct);
        var order = new ContentOrder(ContentSortKey.Position, false);
        var page = await tree.ChildPagesAsync(caller, parent, order, new KeysetRequest(ParseAfter(after), LevelCap), ct, wholeTree: true);
        var key = parent.Space.Key;
        var more = page.Next is { } next ? $"{WebLinks.PageTree(key, parentId)}?after={AfterOf(next)}" : null;
        return (parent, new PageTreeLevel(await NodesAsync(caller, parent.Space, page.Results, ct), more));
    }

    /// <summary>The level's nodes, each knowing whether it has children the caller may see (one query for the whole level).</summary>
    private async Task<IReadOnlyList<PageTreeNode>> NodesAsync(
        Caller caller, SpaceRecord space, IReadOnlyList<ContentRecord> rows, CancellationToken ct)
    {
        var withChildren = await tree.WithReadableChildrenAsync(caller, space, rows.Select(r => r.Id).ToList(), ct);
        return rows.Select(r => PageTreeNode.Of(r, space.Key, withChildren.Contains(r.Id))).ToList();
    }

    /// <summary>A "more" link's keyset, <c>POSITION_ID</c>: the last shown node's place, the next level page starting after it.</summary>
    private static string AfterOf(Keyset next) => $"{next.Value}_{next.Id}";

    /// <summary>The keyset of a "more" link (<c>POSITION_ID</c>); anything else starts from the level's first node.</summary>
    private static Keyset? ParseAfter(string? after)
    {
        var parts = (after ?? "").Split('_');
        return parts.Length == 2
               && int.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var position)
               && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? new Keyset(position.ToString(CultureInfo.InvariantCulture), id)
            : null;
    }
}
