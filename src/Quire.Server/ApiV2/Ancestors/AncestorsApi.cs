using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Server.ApiV2.Common;

namespace Quire.Server.ApiV2.Ancestors;

/// <summary>
/// The v2 <c>Ancestors</c> group for pages and the page tree's folders, whiteboards, databases and smart links: the
/// ancestors the caller may read, of every page-tree type (a page in a folder has the folder among them), highest first;
/// with more than <c>limit</c>, the nearest ones, and the client asks again with the highest one's id (the spec's way, no cursor).
/// </summary>
public static class AncestorsApi
{
    public static RouteGroupBuilder MapAncestorsApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/pages/{id}/ancestors", GetPageAncestors);
        foreach (var (kind, path) in TreeContent.TreeContentApi.Paths)
            v2.MapGet(path + "/{id}/ancestors", (string id, int? limit, Caller caller, ContentTreeService tree, V2Links links, CancellationToken ct) =>
                AncestorsAsync(id, kind, limit, caller, tree, links, ct));
        return v2;
    }

    /// <summary>v2's <c>Ancestor</c>.</summary>
    public sealed record AncestorJson(string Id, string Type);

    private static Task<MultiEntityResult<AncestorJson>> GetPageAncestors(
        string id, int? limit, Caller caller, ContentTreeService tree, V2Links links, CancellationToken ct) =>
        AncestorsAsync(id, ContentKind.Page, limit, caller, tree, links, ct);

    private static async Task<MultiEntityResult<AncestorJson>> AncestorsAsync(
        string id, ContentKind kind, int? limit, Caller caller, ContentTreeService tree, V2Links links, CancellationToken ct)
    {
        var contentId = V2Ids.Parse(id, "id");
        var count = V2Limit.Standard.Parse(limit);
        var item = await tree.ParentAsync(caller, V2Links.Id(contentId), null, ct);
        if (!item.Content.Is(kind)) throw new NotFoundException($"No {kind.Describe()} with id '{id}' was found.");
        var ancestors = await tree.PageAncestorsAsync(caller, item, count, ct);
        return links.Page(ancestors.Select(a => new AncestorJson(V2Links.Id(a.Id), a.Type)).ToList(), "ancestors", null);
    }
}
