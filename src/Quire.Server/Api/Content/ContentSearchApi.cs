using Quire.Core.Paging;
using Quire.Core.Search;
using Quire.Core.Security;
using Quire.Server.Api.Search;
using Quire.Server.Http;

namespace Quire.Server.Api.Content;

/// <summary><c>GET /content/search</c> (searchContentByCQL): a CQL search answered as a page of content.</summary>
public static class ContentSearchApi
{
    private static readonly PageLimits Limits = new(25, 250);

    public static RouteGroupBuilder MapContentSearchApi(this RouteGroupBuilder api)
    {
        api.MapGet("/content/search", SearchContentByCQL);
        return api;
    }

    private static async Task<PagedJson<ContentJson>> SearchContentByCQL(
        string? cql, string? cqlcontext, string? cursor, int? limit, HttpRequest request, Caller caller, SearchService search,
        ContentExpansions expansions, ApiLinks links, CancellationToken ct)
    {
        var page = Limits.Parse(cursor is null ? 0 : SearchCursor.Parse(cursor), limit);
        var result = await search.SearchAsync(caller, new ContentSearch(cql, cqlcontext, page), ct);
        var rendered = await expansions.RenderAsync(result.Page.Results.Select(h => h.Content).ToList(), caller, ContentApi.ExpandOf(request, ""), ct);
        var linkSet = links.Envelope(links.Self());
        if (result.Page.HasMore) linkSet["next"] = links.CursorLink(page.Limit, SearchCursor.Of(page.Start + page.Limit));
        if (page.Start > 0 && page.Limit > 0) linkSet["prev"] = links.CursorLink(page.Limit, SearchCursor.Of(Math.Max(0, page.Start - page.Limit)));
        return new PagedJson<ContentJson>
        {
            Results = rendered, Start = page.Start, Limit = page.Limit, Size = rendered.Count, Links = linkSet,
        };
    }
}
