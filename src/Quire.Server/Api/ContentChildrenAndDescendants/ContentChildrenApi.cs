using Quire.Core.Content;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Server.Api.Content;
using Quire.Server.Http;

namespace Quire.Server.Api.ContentChildrenAndDescendants;

/// <summary>
/// The listings of <c>Content - children and descendants</c>: <c>/content/{id}/child</c>,
/// <c>/child/{type}</c>, <c>/descendant</c> and <c>/descendant/{type}</c>.
/// </summary>
public static class ContentChildrenApi
{
    /// <summary>The spec's default of 25; 250 at most, as for other content listings.</summary>
    public static readonly PageLimits ChildLimits = new(25, 250);

    public static RouteGroupBuilder MapContentChildrenApi(this RouteGroupBuilder api)
    {
        var content = api.MapGroup("/content/{id}");
        content.MapGet("/child", GetContentChildren);
        content.MapGet("/child/{type}", GetContentChildrenByType);
        content.MapGet("/descendant", GetContentDescendants);
        content.MapGet("/descendant/{type}", GetDescendantsOfType);
        api.MapPut("/content/{pageId}/move/{position}/{targetId}", MovePage);
        content.MapPost("/copy", CopyPage);
        content.MapPost("/pagehierarchy/copy", CopyPageHierarchy);
        return api;
    }

    public sealed record MovePageJson(string PageId);

    private static async Task<MovePageJson> MovePage(
        string pageId, string position, string targetId, Caller caller, ContentMoveService service, CancellationToken ct) =>
        new((await service.MoveAsync(caller, pageId, position, targetId, ct)).ToString(System.Globalization.CultureInfo.InvariantCulture));

    public sealed record CopyDestinationRequest(string? Type, string? Value);

    public sealed record CopyBodyRequest(BodyValueRequest? Storage, BodyValueRequest? Editor2);

    /// <summary>CopyPageRequest; copyPermissions copies page restrictions; custom content has nothing to copy in Quire yet.</summary>
    public sealed record CopyPageRequest(
        bool? CopyAttachments, bool? CopyPermissions, bool? CopyProperties, bool? CopyLabels, bool? CopyCustomContents,
        CopyDestinationRequest? Destination, string? PageTitle, CopyBodyRequest? Body);

    private static async Task<ContentJson> CopyPage(
        string id, CopyPageRequest? body, HttpRequest request, Caller caller, ContentCopyService service, ContentExpansions expansions,
        CancellationToken ct)
    {
        if (body is null) throw new Core.Errors.BadRequestException("The request body must be a CopyPageRequest object.");
        // A new body for the copy, in storage or editor2 (converted to storage as any written body is).
        var newBody = body.Body?.Storage is { } storage ? new BodyInput(storage.Value ?? "", storage.Representation ?? "storage")
            : body.Body?.Editor2 is { } editor2 ? new BodyInput(editor2.Value ?? "", editor2.Representation ?? "editor2")
            : null;
        var input = new CopyRequest(
            body.Destination is null ? null : new CopyDestination(body.Destination.Type, body.Destination.Value), body.PageTitle,
            newBody,
            body.CopyLabels ?? false, body.CopyProperties ?? false, body.CopyAttachments ?? false, body.CopyPermissions ?? false);
        var copy = await service.CopyAsync(caller, id, input, ct);
        return (await expansions.RenderAsync([copy], caller, ContentApi.ExpandOf(request), topLevel: true, ct))[0];
    }

    public sealed record TitleOptionsRequest(string? Prefix, string? Replace, string? Search);

    /// <summary>CopyPageHierarchyRequest; destinationPageId may be a string or a number, as ContentId is elsewhere.</summary>
    public sealed record CopyPageHierarchyRequest(
        bool? CopyAttachments, bool? CopyPermissions, bool? CopyProperties, bool? CopyLabels, bool? CopyCustomContents,
        bool? CopyDescendants, System.Text.Json.JsonElement? DestinationPageId, TitleOptionsRequest? TitleOptions);

    private static async Task<IResult> CopyPageHierarchy(
        string id, CopyPageHierarchyRequest? body, Caller caller, PageHierarchyCopyService service, CancellationToken ct)
    {
        if (body is null) throw new Core.Errors.BadRequestException("The request body must be a CopyPageHierarchyRequest object.");
        var destination = body.DestinationPageId switch
        {
            { ValueKind: System.Text.Json.JsonValueKind.String } s => s.GetString(),
            { ValueKind: System.Text.Json.JsonValueKind.Number } n => n.GetRawText(),
            null or { ValueKind: System.Text.Json.JsonValueKind.Null } => null,
            _ => throw new Core.Errors.BadRequestException("destinationPageId must be a content id."),
        };
        var titles = new TitleOptions(body.TitleOptions?.Prefix, body.TitleOptions?.Search, body.TitleOptions?.Replace);
        var request = new HierarchyCopyRequest(
            destination, titles, body.CopyDescendants ?? true, body.CopyLabels ?? false, body.CopyProperties ?? false, body.CopyAttachments ?? false,
            body.CopyPermissions ?? false);
        var task = await service.EnqueueAsync(caller, id, request, ct);
        return TypedResults.Json(LongRunningTask.LongTaskJson.Pointer(task.Id), QuireJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    private static Task<ContentChildrenJson> GetContentChildren(
        string id, int? parentVersion, HttpRequest request, Caller caller, ContentTreeService service, ContentExpansions expansions,
        ApiLinks links, CancellationToken ct) =>
        MapAsync(id, parentVersion, "child", descendants: false, request, caller, service, expansions, links, ct);

    private static Task<ContentChildrenJson> GetContentDescendants(
        string id, HttpRequest request, Caller caller, ContentTreeService service, ContentExpansions expansions,
        ApiLinks links, CancellationToken ct) =>
        MapAsync(id, null, "descendant", descendants: true, request, caller, service, expansions, links, ct);

    private static async Task<PagedJson<ContentJson>> GetContentChildrenByType(
        string id, string type, int? parentVersion, string? depth, int? start, int? limit, HttpRequest request, Caller caller,
        ContentTreeService service, ContentExpansions expansions, ApiLinks links, CancellationToken ct)
    {
        var parent = await service.ParentAsync(caller, id, parentVersion, ct);
        var query = new TreeQuery(type, depth, QueryValues.Multi(request, "location"));
        var page = await service.ListAsync(caller, parent, query, descendants: false, ChildLimits.Parse(start, limit), ct);
        return await RenderAsync(page, caller, Expansion.From(request), expansions, links, ct);
    }

    private static async Task<PagedJson<ContentJson>> GetDescendantsOfType(
        string id, string type, string? depth, int? start, int? limit, HttpRequest request, Caller caller,
        ContentTreeService service, ContentExpansions expansions, ApiLinks links, CancellationToken ct)
    {
        var parent = await service.ParentAsync(caller, id, null, ct);
        var query = new TreeQuery(type, depth, []);
        var page = await service.ListAsync(caller, parent, query, descendants: true, ChildLimits.Parse(start, limit), ct);
        return await RenderAsync(page, caller, Expansion.From(request), expansions, links, ct);
    }

    /// <summary>
    /// The map of child types: each type valid for the content is listed, expanded (first page,
    /// with <c>expand=page.version</c> style sub-expansions) or named under <c>_expandable</c>.
    /// </summary>
    private static async Task<ContentChildrenJson> MapAsync(
        string id, int? parentVersion, string segment, bool descendants, HttpRequest request, Caller caller,
        ContentTreeService service, ContentExpansions expansions, ApiLinks links, CancellationToken ct)
    {
        var parent = await service.ParentAsync(caller, id, parentVersion, ct);
        var expand = Expansion.From(request);
        var path = $"/rest/api/content/{parent.Content.Id}/{segment}";
        var arrays = new Dictionary<string, PagedJson<ContentJson>>();
        var expandable = new Dictionary<string, string>();
        foreach (var type in ContentTreeService.ChildTypesOf(parent.Content.Type))
        {
            // Confluence names the comment expansion both "comment" and "comments".
            var asked = type == ContentRules.Comment ? expand.Has("comment") || expand.Has("comments") : expand.Has(type);
            if (!asked)
            {
                expandable[type] = $"{path}/{type}";
                continue;
            }
            var sub = type == ContentRules.Comment && !expand.Has("comment") ? expand["comments"] : expand[type];
            var page = await service.ListAsync(caller, parent, new TreeQuery(type, null, []), descendants, ChildLimits.Parse(null, null), ct);
            var rendered = await expansions.RenderAsync(page.Results, caller, sub, ct);
            arrays[type] = SubArray(rendered, page, links, $"{path}/{type}");
        }
        return new ContentChildrenJson
        {
            Page = arrays.GetValueOrDefault(ContentRules.Page),
            Comment = arrays.GetValueOrDefault(ContentRules.Comment),
            Attachment = arrays.GetValueOrDefault("attachment"),
            Expandable = expandable,
            Links = new Dictionary<string, string> { ["base"] = links.Base, ["context"] = ApiLinks.Context, ["self"] = links.Api(path) },
        };
    }

    /// <summary>A child type's first page inside the map; its links lead to the listing of that type.</summary>
    private static PagedJson<ContentJson> SubArray(IReadOnlyList<ContentJson> rendered, Page<Storage.Content.ContentRecord> page, ApiLinks links, string path)
    {
        var linkSet = new Dictionary<string, string> { ["self"] = links.Api(path) };
        if (page.HasMore) linkSet["next"] = $"{path}?start={page.Request.Limit}&limit={page.Request.Limit}";
        return new PagedJson<ContentJson>
        {
            Results = rendered, Start = page.Request.Start, Limit = page.Request.Limit, Size = rendered.Count, Links = linkSet,
        };
    }

    public static async Task<PagedJson<ContentJson>> RenderAsync(
        Page<Storage.Content.ContentRecord> page, Caller caller, Expansion expand, ContentExpansions expansions, ApiLinks links,
        CancellationToken ct)
    {
        var rendered = await expansions.RenderAsync(page.Results, caller, expand, ct);
        return PagedJson<ContentJson>.From(new Page<ContentJson>(rendered, page.Request, page.HasMore), c => c, links);
    }
}
