using Quire.Core.Content;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Server.ApiV2.Children;
using Quire.Server.ApiV2.Common;

namespace Quire.Server.ApiV2.Descendants;

/// <summary>
/// <c>/pages/{id}/descendants</c> (and <c>/folders|whiteboards|databases|embeds/{id}/descendants</c>), which confluence.js
/// 3.2 calls (the 2025 spec lacks them): the descendants of every page-tree type (pages, folders, whiteboards...) top to bottom (level by level, then in tree order), down to <c>depth</c> levels (5 when absent, as Cloud),
/// as a keyset walk. A page the caller may not read is left out with its subtree.
/// </summary>
public static class DescendantsApi
{
    /// <summary>The walk has one order; the cursor still names it, so a cursor of another listing is refused.</summary>
    private const string TreeOrder = "tree";

    public static RouteGroupBuilder MapDescendantsApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/pages/{id}/descendants", GetPageDescendants);
        // confluence.js 3.2's descendants of the page tree's other kinds (a folder's pages and what hangs below them).
        foreach (var (kind, path) in TreeContent.TreeContentApi.Paths)
            v2.MapGet(path + "/{id}/descendants",
                (string id, int? limit, int? depth, string? cursor, Caller caller, ContentTreeService tree, V2Links links, CancellationToken ct) =>
                    DescendantsAsync(id, kind, limit, depth, cursor, caller, tree, links, ct));
        return v2;
    }

    /// <summary>confluence.js 3.2's <c>Descendants</c>.</summary>
    public sealed record DescendantJson(
        string Id, string Status, string Title, string Type, string? ParentId, int Depth, int? ChildPosition, string LastModified);

    private static Task<MultiEntityResult<DescendantJson>> GetPageDescendants(
        string id, int? limit, int? depth, string? cursor, Caller caller, ContentTreeService tree, V2Links links, CancellationToken ct) =>
        DescendantsAsync(id, ContentKind.Page, limit, depth, cursor, caller, tree, links, ct);

    private static async Task<MultiEntityResult<DescendantJson>> DescendantsAsync(
        string id, ContentKind kind, int? limit, int? depth, string? cursor, Caller caller, ContentTreeService tree, V2Links links, CancellationToken ct)
    {
        var parentId = V2Ids.Parse(id, "id");
        var window = new KeysetRequest(V2Cursor.Decode(cursor, TreeOrder), V2Limit.Standard.Parse(limit));
        var parent = await ChildrenApi.OfKindAsync(parentId, kind, caller, tree, ct);
        var page = await tree.DescendantPagesAsync(caller, parent, depth, window, ct);
        return links.Page(page.Results.Select(d => new DescendantJson(
            V2Links.Id(d.Id), d.Status, d.Title, d.Type, d.ParentId is { } p ? V2Links.Id(p) : null, d.Depth, d.Position,
            V2Dates.Of(d.UpdatedAt))).ToList(), TreeOrder, page.Next);
    }
}
