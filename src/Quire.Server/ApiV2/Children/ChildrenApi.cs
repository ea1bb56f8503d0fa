using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Server.ApiV2.Common;
using Quire.Storage.Content;

namespace Quire.Server.ApiV2.Children;

/// <summary>
/// The v2 <c>Children</c> group for pages: <c>/pages/{id}/children</c> (the spec's <c>ChildPage</c>) and the newer
/// <c>/pages/{id}/direct-children</c> that confluence.js 3.2 calls (its <c>Children</c> model: every child of the page
/// tree with its <c>type</c>: pages, folders, whiteboards, databases, smart links; <c>/children</c> lists pages only). Both are keyset walks over the same rows as v1's child listing,
/// by default in the tree's own order (<c>child-position</c>). Custom content's children are part 2.
/// </summary>
public static class ChildrenApi
{
    private const string ByPosition = "child-position";

    private static readonly Dictionary<string, ContentSortKey> SortFields = new()
    {
        [ByPosition] = ContentSortKey.Position,
        ["id"] = ContentSortKey.Id,
        ["created-date"] = ContentSortKey.CreatedAt,
        ["modified-date"] = ContentSortKey.ModifiedAt,
    };

    public static RouteGroupBuilder MapChildrenApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/pages/{id}/children", GetChildPages);
        v2.MapGet("/pages/{id}/direct-children", GetPageDirectChildren);
        // confluence.js 3.2's direct children of the page tree's other kinds (newer than the 2025 spec).
        foreach (var (kind, path) in TreeContent.TreeContentApi.Paths)
            v2.MapGet(path + "/{id}/direct-children",
                (string id, string? cursor, int? limit, string? sort, Caller caller, ContentTreeService tree, V2Links links, CancellationToken ct) =>
                    DirectChildrenAsync(id, kind, cursor, limit, sort, caller, tree, links, ct));
        return v2;
    }

    /// <summary>v2's <c>ChildPage</c>.</summary>
    public sealed record ChildPageJson(string Id, string Status, string Title, string SpaceId, int? ChildPosition);

    /// <summary>confluence.js 3.2's <c>Children</c>: a child with its hierarchical type.</summary>
    public sealed record ChildJson(string Id, string Status, string Title, string Type, string SpaceId, int? ChildPosition);

    private static async Task<MultiEntityResult<ChildPageJson>> GetChildPages(
        string id, string? cursor, int? limit, string? sort, Caller caller, ContentTreeService tree, V2Links links, CancellationToken ct)
    {
        var (rows, name) = await WalkAsync(id, cursor, limit, sort, caller, tree, ct);
        return links.Page(rows.Results.Select(c =>
            new ChildPageJson(V2Links.Id(c.Id), c.Status, c.Title, V2Links.Id(c.SpaceId), c.Position)).ToList(), name, rows.Next);
    }

    private static Task<MultiEntityResult<ChildJson>> GetPageDirectChildren(
        string id, string? cursor, int? limit, string? sort, Caller caller, ContentTreeService tree, V2Links links, CancellationToken ct) =>
        DirectChildrenAsync(id, ContentKind.Page, cursor, limit, sort, caller, tree, links, ct);

    private static async Task<MultiEntityResult<ChildJson>> DirectChildrenAsync(
        string id, ContentKind kind, string? cursor, int? limit, string? sort, Caller caller, ContentTreeService tree, V2Links links, CancellationToken ct)
    {
        var (rows, name) = await WalkAsync(id, cursor, limit, sort, caller, tree, ct, kind);
        return links.Page(rows.Results.Select(c =>
            new ChildJson(V2Links.Id(c.Id), c.Status, c.Title, c.Type, V2Links.Id(c.SpaceId), c.Position)).ToList(), name, rows.Next);
    }

    private static async Task<(KeysetPage<ContentRecord> Rows, string Order)> WalkAsync(
        string id, string? cursor, int? limit, string? sort, Caller caller, ContentTreeService tree, CancellationToken ct,
        ContentKind? wholeTreeOf = null)
    {
        var parentId = V2Ids.Parse(id, "id");
        var (order, name) = Order(sort);
        var window = new KeysetRequest(V2Cursor.Decode(cursor, name), V2Limit.Standard.Parse(limit));
        var parent = await OfKindAsync(parentId, wholeTreeOf ?? ContentKind.Page, caller, tree, ct);
        return (await tree.ChildPagesAsync(caller, parent, order, window, ct, wholeTree: wholeTreeOf is not null), name);
    }

    /// <summary>The page the caller may read; content of another kind answers 404, as a missing page.</summary>
    public static Task<ContentItem> PageAsync(long id, Caller caller, ContentTreeService tree, CancellationToken ct) =>
        OfKindAsync(id, ContentKind.Page, caller, tree, ct);

    /// <summary>The content of this kind the caller may read; content of another kind answers 404, as missing content.</summary>
    public static async Task<ContentItem> OfKindAsync(long id, ContentKind kind, Caller caller, ContentTreeService tree, CancellationToken ct)
    {
        var item = await tree.ParentAsync(caller, V2Links.Id(id), null, ct);
        return item.Content.Is(kind) ? item : throw new NotFoundException($"No {kind.Describe()} with id '{id}' was found.");
    }

    /// <summary>The order <c>sort</c> asks for (<c>child-position</c> when absent) and its name for the cursor; 400 for another value.</summary>
    private static (ContentOrder Order, string Name) Order(string? sort)
    {
        var (key, descending, name) = V2Sort.Field(sort, SortFields, ByPosition);
        return (new ContentOrder(key, descending), name);
    }
}
