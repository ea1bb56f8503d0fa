using Quire.Core.Content;
using Quire.Core.Security;
using Quire.Server.ApiV2.Children;
using Quire.Server.ApiV2.Common;

namespace Quire.Server.ApiV2.Ancestors;

/// <summary>
/// The v2 <c>Ancestors</c> group for pages: the page's ancestors the caller may read, highest first; with more than
/// <c>limit</c>, the nearest ones, and the client asks again with the highest one's id (the spec's way, no cursor).
/// Whiteboards, databases, embeds and folders are part 2.
/// </summary>
public static class AncestorsApi
{
    public static RouteGroupBuilder MapAncestorsApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/pages/{id}/ancestors", GetPageAncestors);
        return v2;
    }

    /// <summary>v2's <c>Ancestor</c>.</summary>
    public sealed record AncestorJson(string Id, string Type);

    private static async Task<MultiEntityResult<AncestorJson>> GetPageAncestors(
        string id, int? limit, Caller caller, ContentTreeService tree, V2Links links, CancellationToken ct)
    {
        var pageId = V2Ids.Parse(id, "id");
        var count = V2Limit.Standard.Parse(limit);
        var page = await ChildrenApi.PageAsync(pageId, caller, tree, ct);
        var ancestors = await tree.PageAncestorsAsync(caller, page, count, ct);
        return links.Page(ancestors.Select(a => new AncestorJson(V2Links.Id(a.Id), a.Type)).ToList(), "ancestors", null);
    }
}
