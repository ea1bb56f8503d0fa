using Quire.Core.Content;
using Quire.Core.Security;
using Quire.Server.Api.Content;
using Quire.Server.Api.ContentChildrenAndDescendants;
using Quire.Server.Http;

namespace Quire.Server.Api.ContentComments;

/// <summary>The <c>Content comments</c> group: <c>/content/{id}/child/comment</c>.</summary>
public static class ContentCommentsApi
{
    public static RouteGroupBuilder MapContentCommentsApi(this RouteGroupBuilder api)
    {
        // A literal segment outranks /child/{type}, so comments are served here.
        api.MapGet("/content/{id}/child/comment", GetContentComments);
        return api;
    }

    /// <summary>Top-level comments by default; <c>depth=all</c> adds replies, <c>location</c> filters footer/inline/resolved.</summary>
    private static async Task<PagedJson<ContentJson>> GetContentComments(
        string id, int? parentVersion, string? depth, int? start, int? limit, HttpRequest request, Caller caller,
        ContentTreeService service, ContentExpansions expansions, ApiLinks links, CancellationToken ct)
    {
        var parent = await service.ParentAsync(caller, id, parentVersion, ct);
        var query = new TreeQuery(ContentRules.Comment, depth, QueryValues.Multi(request, "location"));
        var page = await service.ListAsync(caller, parent, query, descendants: false, ContentChildrenApi.ChildLimits.Parse(start, limit), ct);
        return await ContentChildrenApi.RenderAsync(page, caller, Expansion.From(request), expansions, links, ct);
    }
}
