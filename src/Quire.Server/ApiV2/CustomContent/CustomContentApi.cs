using Quire.Core.Analytics;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Server.ApiV2.Common;
using Quire.Storage.Content;

namespace Quire.Server.ApiV2.CustomContent;

/// <summary>
/// The v2 <c>Custom Content</c> group: custom content of a declared type (site-wide, in a space, page or blog post), one by
/// id, its creation in a space or container, its update and its deletion (trash, then purge), plus its children
/// (<c>/custom-content/{id}/children</c>). The content is v1's content too (one store, one visibility rule, the same
/// version and trash rules); its type is the declared key, its place a space or a container the declaration allows.
/// </summary>
public static class CustomContentApi
{
    private static readonly string[] ReadStatuses = [ContentRules.Current, ContentRules.Trashed, ContentRules.Draft, ContentRules.Historical];

    /// <summary>The spec's <c>ChildCustomContentSortOrder</c>: no title order.</summary>
    private static readonly string[] ChildSortFields = ["id", "created-date", "modified-date"];

    public static RouteGroupBuilder MapCustomContentApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/custom-content", GetCustomContentByType);
        v2.MapPost("/custom-content", CreateCustomContent);
        v2.MapGet("/custom-content/{id}", GetCustomContentById);
        v2.MapPut("/custom-content/{id}", UpdateCustomContent);
        v2.MapDelete("/custom-content/{id}", DeleteCustomContent);
        v2.MapGet("/pages/{id}/custom-content", GetCustomContentByTypeInPage);
        v2.MapGet("/blogposts/{id}/custom-content", GetCustomContentByTypeInBlogPost);
        v2.MapGet("/spaces/{id}/custom-content", GetCustomContentByTypeInSpace);
        v2.MapGet("/custom-content/{id}/children", GetChildCustomContent);
        return v2;
    }

    private static Task<MultiEntityResult<V2CustomContentJson>> GetCustomContentByType(
        string? type, string? sort, string? cursor, int? limit, HttpRequest request, CustomContentListing listing, CancellationToken ct) =>
        listing.ListAsync(request, new ContentListing(CustomContentListing.Type(type), [ContentRules.Current],
            SpaceIds: V2Ids.ParseList(request.Query["space-id"], "space-id", max: 100),
            Ids: V2Ids.ParseList(request.Query["id"], "id", max: 250)), sort, cursor, limit, ct);

    private static Task<MultiEntityResult<V2CustomContentJson>> GetCustomContentByTypeInPage(
        string id, string? type, string? sort, string? cursor, int? limit, HttpRequest request, Caller caller, ContentAccess access,
        CustomContentListing listing, CancellationToken ct) =>
        InContainerAsync(id, ContentRules.Page, type, sort, cursor, limit, request, caller, access, listing, ct);

    private static Task<MultiEntityResult<V2CustomContentJson>> GetCustomContentByTypeInBlogPost(
        string id, string? type, string? sort, string? cursor, int? limit, HttpRequest request, Caller caller, ContentAccess access,
        CustomContentListing listing, CancellationToken ct) =>
        InContainerAsync(id, ContentRules.BlogPost, type, sort, cursor, limit, request, caller, access, listing, ct);

    /// <summary>Every custom content of the type in the space, whatever its container (the spec gives this listing no <c>sort</c>).</summary>
    private static async Task<MultiEntityResult<V2CustomContentJson>> GetCustomContentByTypeInSpace(
        string id, string? type, string? cursor, int? limit, HttpRequest request, Caller caller, SpaceAccess spaces,
        CustomContentListing listing, CancellationToken ct)
    {
        var space = await spaces.ViewableByIdAsync(caller, V2Ids.Parse(id, "id"), ct);
        return await listing.ListAsync(request, new ContentListing(CustomContentListing.Type(type), [ContentRules.Current], SpaceIds: [space.Id]),
            null, cursor, limit, ct);
    }

    /// <summary>The custom content in custom content, of any type, as <c>ChildCustomContent</c>; the parent must be seen (404 otherwise).</summary>
    private static async Task<MultiEntityResult<V2ChildCustomContentJson>> GetChildCustomContent(
        string id, string? sort, string? cursor, int? limit, Caller caller, ContentAccess access, ContentReader reader, V2Links links,
        CancellationToken ct)
    {
        V2Ids.Parse(id, "id");
        var size = V2Limit.Standard.Parse(limit);
        var (order, orderName) = V2Sort.Content(sort, ChildSortFields);
        var (parent, _) = await access.ViewableAsync(caller, id, ct);
        if (!ContentRules.IsCustom(parent.Type)) throw NotFound(id);
        var found = await reader.ListAsync(caller, new ContentListing(ContentRules.CustomContent, [ContentRules.Current], ContainerId: parent.Id), order,
            new KeysetRequest(V2Cursor.Decode(cursor, orderName), size), ct);
        var results = found.Results.Select(i => new V2ChildCustomContentJson(
            V2Links.Id(i.Content.Id), i.Content.Status, i.Content.Title, i.Content.Type, V2Links.Id(i.Content.SpaceId))).ToList();
        return links.Page(results, orderName, found.Next);
    }

    private static async Task<V2CustomContentJson> GetCustomContentById(
        string id, int? version, HttpRequest request, Caller caller, ContentReader reader, V2CustomContentRenderer renderer,
        V2ContentIncludes includes, ContentViewRecorder views, TimeProvider time, CancellationToken ct)
    {
        V2Ids.Parse(id, "id");
        var item = await reader.GetAsync(caller, id, ReadStatuses, version, ct);
        if (!ContentRules.IsCustom(item.Content.Type)) throw NotFound(id);
        if (item.Latest) views.Record(item.Content.Id, caller.UserId, time.GetUtcNow().ToUnixTimeMilliseconds());
        var format = CustomContentListing.BodyFormat(request.Query["body-format"], CustomContentListing.SingleFormats);
        var json = (await renderer.RenderAsync([item], caller, format, V2Query.Flag(request, "include-version", absent: true), single: true, ct))[0];
        await includes.ApplyAsync(request, json, item, ContentKind.CustomContent, $"/custom-content/{json.Id}", ct);
        return json;
    }

    /// <summary>201 with the new content: in the space (<c>spaceId</c>) or in one container (<c>pageId</c>, <c>blogPostId</c>, <c>customContentId</c>).</summary>
    private static async Task<IResult> CreateCustomContent(
        CustomContentCreateRequest? body, Caller caller, SpaceAccess spaces, ContentAccess access, ContentService service,
        V2CustomContentRenderer renderer, CancellationToken ct)
    {
        if (body is null) throw new BadRequestException("The request body must be the custom content to create.");
        if (body.Type is null) throw new BadRequestException("type is required: the custom content type's key.");
        if (!ContentRules.IsCustom(body.Type)) throw new BadRequestException($"type '{body.Type}' is not a custom content type key.");
        if (body.Body is null) throw new BadRequestException("body is required.");
        var containerId = await ContainerAsync(body.PageId, body.BlogPostId, body.CustomContentId, caller, access, ct);
        if (containerId is null && body.SpaceId is null) throw new BadRequestException("Give one of spaceId, pageId, blogPostId or customContentId.");
        var spaceKey = body.SpaceId is null ? null : (await spaces.ViewableByIdAsync(caller, V2Ids.Parse(body.SpaceId, "spaceId"), ct)).Key;
        var written = V2BodyWrite.Parse(body.Body);
        var input = new NewContent(body.Type, body.Status ?? ContentRules.Current, body.Title, spaceKey, null, containerId, written, null, null);
        if (!V2ContentOperations.WriteStatuses.Contains(input.Status!)) throw new BadRequestException($"status must be current or draft; '{body.Status}' is not.");
        var created = await service.CreateAsync(caller, input, ct);
        var json = (await renderer.RenderAsync([created], caller, V2BodyFormat.AnswerFor(written), includeVersion: true, single: true, ct))[0];
        return Results.Json(json, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>
    /// A new version: the body's id and type must be the content's, the version the current one plus one, and the space and
    /// container (when given) the ones it has: Quire does not move custom content between containers.
    /// </summary>
    private static async Task<V2CustomContentJson> UpdateCustomContent(
        string id, CustomContentUpdateRequest? body, Caller caller, ContentReader reader, ContentAccess access, ContentService service,
        V2CustomContentRenderer renderer, CancellationToken ct)
    {
        V2Ids.Parse(id, "id");
        if (body is null) throw new BadRequestException("The request body must be the custom content's new state.");
        if (body.Id is not null && body.Id != id) throw new BadRequestException($"The body's id '{body.Id}' is not the custom content's id '{id}'.");
        if (body.Status != ContentRules.Current) throw new BadRequestException("status is required and must be current.");
        if (body.Type is null) throw new BadRequestException("type is required: the custom content's type key.");
        if (body.Version?.Number is not { } number) throw new BadRequestException("version.number is required: the current version plus one.");
        var places = new[] { body.PageId, body.BlogPostId, body.CustomContentId }.Count(p => p is not null);
        if (places > 1) throw new BadRequestException("Give at most one of pageId, blogPostId and customContentId.");
        var current = await reader.GetAsync(caller, id, ["any"], null, ct);
        if (!ContentRules.IsCustom(current.Content.Type)) throw NotFound(id);
        if (body.SpaceId is not null && V2Ids.Parse(body.SpaceId, "spaceId") != current.Content.SpaceId)
            throw new BadRequestException("Custom content cannot be moved to another space by an update.");
        var container = body.PageId ?? body.BlogPostId ?? body.CustomContentId;
        if (container is not null && V2Ids.Parse(container, "container id") != current.Content.ContainerId)
            throw new BadRequestException("Custom content cannot be moved to another container by an update.");
        if (container is null && body.SpaceId is not null && current.Content.ContainerId is not null)
            throw new BadRequestException("Custom content in a container cannot be moved to its space by an update.");
        var written = V2BodyWrite.Parse(body.Body);
        var changes = new ContentChanges(number, body.Version.Message, false, body.Type, body.Title, body.Status, null, written);
        var updated = await service.UpdateAsync(caller, id, changes, ct);
        return (await renderer.RenderAsync([updated], caller, V2BodyFormat.AnswerFor(written), includeVersion: true, single: true, ct))[0];
    }

    /// <summary>Current custom content goes to the trash; <c>purge=true</c> removes trashed custom content for good (space admins).</summary>
    private static async Task<IResult> DeleteCustomContent(string id, HttpRequest request, V2ContentOperations operations, CancellationToken ct)
    {
        await operations.DeleteAsync(ContentRules.CustomContent, id, request, ct);
        return Results.NoContent();
    }

    private static async Task<MultiEntityResult<V2CustomContentJson>> InContainerAsync(
        string id, string containerType, string? type, string? sort, string? cursor, int? limit, HttpRequest request, Caller caller,
        ContentAccess access, CustomContentListing listing, CancellationToken ct)
    {
        V2Ids.Parse(id, "id");
        var customType = CustomContentListing.Type(type);
        var (container, _) = await access.ViewableAsync(caller, id, ct);
        if (container.Type != containerType)
            throw new NotFoundException($"No {(containerType == ContentRules.BlogPost ? "blog post" : containerType)} with id '{id}' was found.");
        return await listing.ListAsync(request, new ContentListing(customType, [ContentRules.Current], ContainerId: container.Id), sort, cursor, limit, ct);
    }

    /// <summary>
    /// The container a create names (at most one of the three), once the caller is known to see it and it is of the kind its
    /// member says (404 for one the caller cannot see, 400 for one of another kind); null when none is named.
    /// </summary>
    private static async Task<long?> ContainerAsync(
        string? pageId, string? blogPostId, string? customContentId, Caller caller, ContentAccess access, CancellationToken ct)
    {
        var named = new[] { (pageId, ContentRules.Page, "pageId"), (blogPostId, ContentRules.BlogPost, "blogPostId"),
            (customContentId, ContentRules.CustomContent, "customContentId") }.Where(c => c.Item1 is not null).ToList();
        if (named.Count == 0) return null;
        if (named.Count > 1) throw new BadRequestException("Give only one of pageId, blogPostId and customContentId.");
        var (id, type, member) = named[0];
        V2Ids.Parse(id, member);
        var (container, _) = await access.ViewableAsync(caller, id, ct);
        if (!ContentRules.IsOfType(container.Type, type)) throw new BadRequestException($"{member} '{id}' names a {container.Type}, not a {(type == ContentRules.BlogPost ? "blog post" : type)}.");
        return container.Id;
    }

    private static NotFoundException NotFound(string id) => new($"No custom content with id '{id}' was found.");
}
