using Quire.Core.Analytics;
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
    private static readonly string[] WriteStatuses = [ContentRules.Current, ContentRules.Draft];

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
        listing.ListAsync(request, new ContentListing(ContentRules.Page, V2Query.Values(request, "status", ListStatuses, DefaultListStatuses),
            SpaceIds: V2Ids.ParseList(request.Query["space-id"], "space-id", max: 100),
            Ids: V2Ids.ParseList(request.Query["id"], "id", max: 250),
            TitleLower: Blank(title)?.ToLowerInvariant()), sort, cursor, limit, ct);

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
            SpaceIds: [space.Id], TitleLower: Blank(title)?.ToLowerInvariant(), RootOnly: rootOnly), sort, cursor, limit, ct);
    }

    private static async Task<MultiEntityResult<V2ContentJson>> GetLabelPages(
        string id, string? sort, string? cursor, int? limit, HttpRequest request, Quire.Storage.Labels.LabelStore labels,
        V2ContentListing listing, CancellationToken ct)
    {
        var labelId = V2Ids.Parse(id, "id");
        if (!await labels.ExistsAsync(labelId, ct)) throw new NotFoundException($"No label with id '{id}' was found.");
        return await listing.ListAsync(request, new ContentListing(ContentRules.Page, [ContentRules.Current],
            SpaceIds: V2Ids.ParseList(request.Query["space-id"], "space-id", max: 100), LabelId: labelId), sort, cursor, limit, ct);
    }

    /// <summary>A read of the latest version counts as a view (Analytics), as v1's read does.</summary>
    private static async Task<V2ContentJson> GetPageById(
        string id, int? version, HttpRequest request, Caller caller, ContentReader reader,
        V2ContentRenderer renderer, ContentViewRecorder views, TimeProvider time, CancellationToken ct)
    {
        V2Ids.Parse(id, "id");
        var statuses = V2Query.Flag(request, "get-draft")
            ? [ContentRules.Draft]
            : V2Query.Values(request, "status", ReadStatuses, [ContentRules.Current, "archived"]);
        var item = await reader.GetAsync(caller, id, statuses, version, ct);
        if (item.Content.Type != ContentRules.Page) throw new NotFoundException($"No page with id '{id}' was found.");
        if (item.Latest) views.Record(item.Content.Id, caller.UserId, time.GetUtcNow().ToUnixTimeMilliseconds());
        var format = V2BodyFormat.Parse(request.Query["body-format"], V2BodyFormat.Single);
        return (await renderer.RenderAsync([item], caller, format, V2Query.Flag(request, "include-version", absent: true), single: true, ct))[0];
    }

    private static async Task<V2ContentJson> CreatePage(
        PageCreateRequest? body, HttpRequest request, Caller caller, SpaceAccess spaces, ContentService service,
        PrivateContentService privately, V2ContentRenderer renderer, CancellationToken ct)
    {
        if (body is null) throw new BadRequestException("The request body must be a page to create.");
        var space = await spaces.ViewableByIdAsync(caller, V2Ids.Parse(body.SpaceId, "spaceId"), ct);
        var status = body.Status ?? ContentRules.Current;
        if (!WriteStatuses.Contains(status)) throw new BadRequestException($"status must be current or draft; '{status}' is not.");
        var rootLevel = V2Query.Flag(request, "root-level");
        if (rootLevel && body.ParentId is not null)
            throw new BadRequestException("parentId may not be given with root-level=true: a root-level page has no parent.");
        // Without a parent, a page goes below the space's homepage unless it is asked for at the root (the spec's rule).
        var parentId = body.ParentId is not null ? V2Ids.Parse(body.ParentId, "parentId") : rootLevel ? (long?)null : space.HomepageId;
        var input = new NewContent(ContentRules.Page, status, body.Title, space.Key, parentId, null, V2BodyWrite.Parse(body.Body), null, null);
        var created = V2Query.Flag(request, "private")
            ? await privately.CreateAsync(caller, input, ct)
            : await service.CreateAsync(caller, input, ct);
        var format = V2BodyFormat.AnswerFor(input.Body);
        return (await renderer.RenderAsync([created], caller, format, includeVersion: true, single: true, ct))[0];
    }

    private static async Task<V2ContentJson> UpdatePage(
        string id, PageUpdateRequest? body, Caller caller, ContentReader reader, ContentService service, V2ContentRenderer renderer, CancellationToken ct)
    {
        V2Ids.Parse(id, "id");
        if (body is null) throw new BadRequestException("The request body must be the page's new state.");
        if (body.Id is not null && body.Id != id) throw new BadRequestException($"The body's id '{body.Id}' is not the page's id '{id}'.");
        if (body.Status is null || !WriteStatuses.Contains(body.Status)) throw new BadRequestException("status is required: current or draft.");
        if (body.Version?.Number is not { } number) throw new BadRequestException("version.number is required: the current version plus one.");
        var current = await reader.GetAsync(caller, id, ["any"], null, ct);
        if (current.Content.Type != ContentRules.Page) throw new NotFoundException($"No page with id '{id}' was found.");
        if (body.SpaceId is not null && V2Ids.Parse(body.SpaceId, "spaceId") != current.Content.SpaceId)
            throw new BadRequestException("A page cannot be moved to another space by an update.");
        var changes = new ContentChanges(number, body.Version.Message, false, ContentRules.Page, body.Title, body.Status,
            body.ParentId is null ? null : V2Ids.Parse(body.ParentId, "parentId"), V2BodyWrite.Parse(body.Body));
        var updated = await service.UpdateAsync(caller, id, changes, ct);
        var format = V2BodyFormat.AnswerFor(changes.Body);
        return (await renderer.RenderAsync([updated], caller, format, includeVersion: true, single: true, ct))[0];
    }

    /// <summary>
    /// <c>PUT /pages/{id}/title</c> (confluence.js's <c>updatePageTitle</c>; newer than the 2025 spec):
    /// a new version with the new title and the body as it is. Someone else's save in between is a 409.
    /// </summary>
    private static async Task<V2ContentJson> UpdatePageTitle(
        string id, PageTitleUpdateRequest? body, Caller caller, ContentReader reader, ContentService service, V2ContentRenderer renderer, CancellationToken ct)
    {
        V2Ids.Parse(id, "id");
        if (body is null) throw new BadRequestException("The request body must be the page's new title and status.");
        if (body.Status is null || !WriteStatuses.Contains(body.Status)) throw new BadRequestException("status is required: current or draft.");
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
    private static async Task<IResult> DeletePage(
        string id, HttpRequest request, Caller caller, ContentReader reader, ContentService service, CancellationToken ct)
    {
        V2Ids.Parse(id, "id");
        var purge = V2Query.Flag(request, "purge");
        var draft = V2Query.Flag(request, "draft");
        var page = await reader.GetAsync(caller, id, ["any"], null, ct);
        if (page.Content.Type != ContentRules.Page) throw new NotFoundException($"No page with id '{id}' was found.");
        if (draft != (page.Content.Status == ContentRules.Draft))
            throw new BadRequestException(draft ? $"Page {id} is not a draft." : $"Page {id} is a draft; delete it with draft=true.");
        if (purge && page.Content.Status != ContentRules.Trashed)
            throw new BadRequestException($"Page {id} is not in the trash; trash it first, then purge it.");
        await service.DeleteAsync(caller, id, purge ? ContentRules.Trashed : null, ct);
        return Results.NoContent();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
