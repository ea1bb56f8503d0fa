using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Server.ApiV2.Common;
using Quire.Storage.Content;

namespace Quire.Server.ApiV2.Page;

/// <summary>
/// The v2 <c>Page</c> group: <c>/wiki/api/v2/pages</c>, a page by id, the pages of a space and of
/// a label. The same pages as v1's content (one store, one visibility rule, one set of rules for
/// versions, titles, trash and drafts), answered in v2's shapes.
/// </summary>
public static class PageApi
{
    private static readonly string[] ListStatuses = ["current", "archived", "deleted", "trashed"];
    private static readonly string[] DefaultListStatuses = ["current", "archived"];
    private static readonly string[] ReadStatuses = ["current", "archived", "trashed", "deleted", "historical", "draft"];

    public static RouteGroupBuilder MapPageApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/pages", GetPages);
        v2.MapPost("/pages", CreatePage);
        v2.MapGet("/pages/{id}", GetPageById);
        v2.MapPut("/pages/{id}", UpdatePage);
        v2.MapDelete("/pages/{id}", DeletePage);
        v2.MapPut("/pages/{id}/title", UpdatePageTitle);
        v2.MapGet("/spaces/{id}/pages", GetPagesInSpace);
        v2.MapGet("/labels/{id}/pages", GetLabelPages);
        return v2;
    }

    private static Task<MultiEntityResult<V2ContentJson>> GetPages(
        string? sort, string? title, string? cursor, int? limit, HttpRequest request, V2ContentListing listing, CancellationToken ct) =>
        listing.ListFilteredAsync(request, ContentRules.Page, ListStatuses, DefaultListStatuses, title, sort, cursor, limit, ct);

    private static async Task<MultiEntityResult<V2ContentJson>> GetPagesInSpace(
        string id, string? depth, string? sort, string? title, string? cursor, int? limit,
        HttpRequest request, Caller caller, SpaceAccess spaces, V2ContentListing listing, CancellationToken ct)
    {
        var space = await spaces.ViewableByIdAsync(caller, V2Ids.Parse(id, "id"), ct);
        var rootOnly = depth switch
        {
            null or "" or "all" => false,
            "root" => true,
            _ => throw new BadRequestException($"depth must be all or root; '{depth}' is not."),
        };
        return await listing.ListAsync(request, new ContentListing(ContentRules.Page, V2Query.Values(request, "status", ListStatuses, DefaultListStatuses),
            SpaceIds: [space.Id], TitleLower: V2ContentListing.TitleFilter(title), RootOnly: rootOnly), sort, cursor, limit, ct);
    }

    private static Task<MultiEntityResult<V2ContentJson>> GetLabelPages(
        string id, string? sort, string? cursor, int? limit, HttpRequest request, V2ContentListing listing, CancellationToken ct) =>
        listing.ListLabelledAsync(request, ContentRules.Page, id, sort, cursor, limit, ct);

    private static Task<V2ContentJson> GetPageById(
        string id, int? version, HttpRequest request, V2ContentOperations operations, CancellationToken ct) =>
        operations.GetAsync(ContentRules.Page, id, version, request, ReadStatuses, [ContentRules.Current, "archived"], ct);

    private static async Task<V2ContentJson> CreatePage(
        PageCreateRequest? body, HttpRequest request, Caller caller, SpaceAccess spaces, V2ContentOperations operations, CancellationToken ct)
    {
        if (body is null) throw new BadRequestException("The request body must be a page to create.");
        var space = await spaces.ViewableByIdAsync(caller, V2Ids.Parse(body.SpaceId, "spaceId"), ct);
        var rootLevel = V2Query.Flag(request, "root-level");
        if (rootLevel && body.ParentId is not null)
            throw new BadRequestException("parentId may not be given with root-level=true: a root-level page has no parent.");
        // Without a parent, a page goes below the space's homepage unless it is asked for at the root (the spec's rule).
        var parentId = body.ParentId is not null ? V2Ids.Parse(body.ParentId, "parentId") : rootLevel ? (long?)null : space.HomepageId;
        var input = new NewContent(ContentRules.Page, body.Status ?? ContentRules.Current, body.Title, space.Key, parentId, null,
            V2BodyWrite.Parse(body.Body), null, null);
        return await operations.CreateAsync(input, V2Query.Flag(request, "private"), ct);
    }

    private static Task<V2ContentJson> UpdatePage(string id, PageUpdateRequest? body, V2ContentOperations operations, CancellationToken ct) =>
        body is null
            ? throw new BadRequestException("The request body must be the page's new state.")
            : operations.UpdateAsync(ContentRules.Page, id,
                new V2ContentUpdate(body.Id, body.Status, body.Title, body.SpaceId, body.ParentId, body.Body, body.Version?.Number, body.Version?.Message,
                    body.OwnerId), ct);

    /// <summary>
    /// <c>PUT /pages/{id}/title</c> (confluence.js's <c>updatePageTitle</c>; newer than the 2025 spec):
    /// a new version with the new title and the body as it is. Someone else's save in between is a 409.
    /// </summary>
    private static async Task<V2ContentJson> UpdatePageTitle(
        string id, PageTitleUpdateRequest? body, Caller caller, ContentReader reader, ContentService service, V2ContentRenderer renderer, CancellationToken ct)
    {
        V2Ids.Parse(id, "id");
        if (body is null) throw new BadRequestException("The request body must be the page's new title and status.");
        if (body.Status is null || !V2ContentOperations.WriteStatuses.Contains(body.Status)) throw new BadRequestException("status is required: current or draft.");
        var current = await reader.GetAsync(caller, id, ["any"], null, ct);
        if (current.Content.Type != ContentRules.Page) throw new NotFoundException($"No page with id '{id}' was found.");
        var next = current.Content.Status == ContentRules.Draft ? current.Content.Version : current.Content.Version + 1;
        var changes = new ContentChanges(next, null, false, ContentRules.Page, body.Title, body.Status, null, null);
        var updated = await service.UpdateAsync(caller, id, changes, ct);
        return (await renderer.RenderAsync([updated], caller, null, includeVersion: true, single: true, ct))[0];
    }

    /// <summary>
    /// A current page goes to the trash; <c>purge=true</c> removes a trashed one for good (space
    /// admins); <c>draft=true</c> discards a draft, which never goes to the trash.
    /// </summary>
    private static async Task<IResult> DeletePage(string id, HttpRequest request, V2ContentOperations operations, CancellationToken ct)
    {
        await operations.DeleteAsync(ContentRules.Page, id, request, ct);
        return Results.NoContent();
    }
}
