using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Server.ApiV2.Common;
using Quire.Storage.Content;

namespace Quire.Server.ApiV2.Children;

/// <summary>
/// The v2 <c>Children</c> group for pages: <c>/pages/{id}/children</c> (the spec's <c>ChildPage</c>) and the newer
/// <c>/pages/{id}/direct-children</c> that confluence.js 3.2 calls (its <c>Children</c> model: the same pages with their
/// <c>type</c>; Quire's page trees hold only pages). Both are keyset walks over the same rows as v1's child listing,
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

    private static async Task<MultiEntityResult<ChildJson>> GetPageDirectChildren(
        string id, string? cursor, int? limit, string? sort, Caller caller, ContentTreeService tree, V2Links links, CancellationToken ct)
    {
        var (rows, name) = await WalkAsync(id, cursor, limit, sort, caller, tree, ct);
        return links.Page(rows.Results.Select(c =>
            new ChildJson(V2Links.Id(c.Id), c.Status, c.Title, c.Type, V2Links.Id(c.SpaceId), c.Position)).ToList(), name, rows.Next);
    }

    private static async Task<(KeysetPage<ContentRecord> Rows, string Order)> WalkAsync(
        string id, string? cursor, int? limit, string? sort, Caller caller, ContentTreeService tree, CancellationToken ct)
    {
        var pageId = V2Ids.Parse(id, "id");
        var (order, name) = Order(sort);
        var window = new KeysetRequest(V2Cursor.Decode(cursor, name), V2Limit.Standard.Parse(limit));
        var parent = await PageAsync(pageId, caller, tree, ct);
        return (await tree.ChildPagesAsync(caller, parent, order, window, ct), name);
    }

    /// <summary>The page the caller may read; content of another kind answers 404, as a missing page.</summary>
    public static async Task<ContentItem> PageAsync(long id, Caller caller, ContentTreeService tree, CancellationToken ct)
    {
        var item = await tree.ParentAsync(caller, V2Links.Id(id), null, ct);
        return item.Content.Type == ContentRules.Page ? item : throw new NotFoundException($"No page with id '{id}' was found.");
    }

    /// <summary>The order <c>sort</c> asks for (<c>child-position</c> when absent) and its name for the cursor; 400 for another value.</summary>
    private static (ContentOrder Order, string Name) Order(string? sort)
    {
        var (key, descending, name) = V2Sort.Field(sort, SortFields, ByPosition);
        return (new ContentOrder(key, descending), name);
    }
}
