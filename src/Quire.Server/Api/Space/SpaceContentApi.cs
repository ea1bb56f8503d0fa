using System.Text.Json.Serialization;
using Quire.Core.Content;
using Quire.Core.Security;
using Quire.Server.Api.Content;
using Quire.Server.Api.ContentChildrenAndDescendants;
using Quire.Server.Http;

namespace Quire.Server.Api.Space;

/// <summary>The space content listings of the <c>Space</c> group: <c>/space/{spaceKey}/content</c> and <c>/content/{type}</c>.</summary>
public static class SpaceContentApi
{
    public sealed class SpaceContentJson
    {
        public required PagedJson<ContentJson> Page { get; init; }
        public required PagedJson<ContentJson> Blogpost { get; init; }

        [JsonPropertyName("_links")]
        public required Dictionary<string, string> Links { get; init; }
    }

    public static RouteGroupBuilder MapSpaceContentApi(this RouteGroupBuilder api)
    {
        api.MapGet("/space/{spaceKey}/content", GetContentForSpace);
        api.MapGet("/space/{spaceKey}/content/{type}", GetContentByTypeForSpace);
        return api;
    }

    /// <summary>Pages, then blog posts, each ordered by id and paged with the same start and limit.</summary>
    private static async Task<SpaceContentJson> GetContentForSpace(
        string spaceKey, string? depth, int? start, int? limit, HttpRequest request, Caller caller, ContentTreeService service,
        ContentExpansions expansions, ApiLinks links, CancellationToken ct)
    {
        var paging = ContentChildrenApi.ChildLimits.Parse(start, limit);
        var expand = Expansion.From(request);
        var pages = await service.InSpaceAsync(caller, spaceKey, ContentRules.Page, depth, paging, ct);
        var posts = await service.InSpaceAsync(caller, spaceKey, ContentRules.BlogPost, depth, paging, ct);
        return new SpaceContentJson
        {
            Page = await ContentChildrenApi.RenderAsync(pages, caller, expand, expansions, links, ct),
            Blogpost = await ContentChildrenApi.RenderAsync(posts, caller, expand, expansions, links, ct),
            Links = new Dictionary<string, string> { ["base"] = links.Base, ["context"] = ApiLinks.Context, ["self"] = links.Self() },
        };
    }

    private static async Task<PagedJson<ContentJson>> GetContentByTypeForSpace(
        string spaceKey, string type, string? depth, int? start, int? limit, HttpRequest request, Caller caller,
        ContentTreeService service, ContentExpansions expansions, ApiLinks links, CancellationToken ct)
    {
        var page = await service.InSpaceAsync(caller, spaceKey, type, depth, ContentChildrenApi.ChildLimits.Parse(start, limit), ct);
        return await ContentChildrenApi.RenderAsync(page, caller, Expansion.From(request), expansions, links, ct);
    }
}
