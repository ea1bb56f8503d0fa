using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Server.ApiV2.Common;
using Quire.Storage.Content;
using Quire.Storage.Labels;

namespace Quire.Server.ApiV2.Attachment;

/// <summary>
/// The v2 <c>Attachment</c> group: every attachment the caller may see, an attachment by id (at a
/// version), its deletion (trash, then purge), and the attachments of a page, a blog post or a label.
/// The same attachments v1 uploads and lists (one store, one visibility rule: an attachment is seen
/// where its page, blog post or custom content is), and those of custom content.
/// </summary>
public static class AttachmentApi
{
    private static readonly string[] ListStatuses = [ContentRules.Current, "archived", ContentRules.Trashed];
    private static readonly string[] DefaultListStatuses = [ContentRules.Current, "archived"];
    private static readonly string[] SortFields = ["created-date", "modified-date"];
    private static readonly V2Limit Limits = new(50, 250);
    private static readonly V2Limit LabelLimits = new(25, 250);

    public static RouteGroupBuilder MapAttachmentApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/attachments", GetAttachments);
        v2.MapGet("/attachments/{id}", GetAttachmentById);
        v2.MapDelete("/attachments/{id}", DeleteAttachment);
        v2.MapGet("/pages/{id}/attachments", GetPageAttachments);
        v2.MapGet("/blogposts/{id}/attachments", GetBlogpostAttachments);
        v2.MapGet("/custom-content/{id}/attachments", GetCustomContentAttachments);
        v2.MapGet("/labels/{id}/attachments", GetLabelAttachments);
        return v2;
    }

    private static Task<MultiEntityResult<V2AttachmentJson>> GetAttachments(
        string? sort, string? cursor, int? limit, string? mediaType, string? filename, HttpRequest request, Caller caller,
        ContentReader reader, V2AttachmentRenderer renderer, V2Links links, CancellationToken ct) =>
        ListAsync(Filtered(request, mediaType, filename, containerId: null), sort, cursor, Limits.Parse(limit), caller, reader, renderer, links, ct);

    private static Task<MultiEntityResult<V2AttachmentJson>> GetPageAttachments(
        string id, string? sort, string? cursor, int? limit, string? mediaType, string? filename, HttpRequest request, Caller caller,
        ContentAccess access, ContentReader reader, V2AttachmentRenderer renderer, V2Links links, CancellationToken ct) =>
        ContainerListAsync(id, ContentRules.Page, sort, cursor, limit, mediaType, filename, request, caller, access, reader, renderer, links, ct);

    private static Task<MultiEntityResult<V2AttachmentJson>> GetBlogpostAttachments(
        string id, string? sort, string? cursor, int? limit, string? mediaType, string? filename, HttpRequest request, Caller caller,
        ContentAccess access, ContentReader reader, V2AttachmentRenderer renderer, V2Links links, CancellationToken ct) =>
        ContainerListAsync(id, ContentRules.BlogPost, sort, cursor, limit, mediaType, filename, request, caller, access, reader, renderer, links, ct);

    private static Task<MultiEntityResult<V2AttachmentJson>> GetCustomContentAttachments(
        string id, string? sort, string? cursor, int? limit, string? mediaType, string? filename, HttpRequest request, Caller caller,
        ContentAccess access, ContentReader reader, V2AttachmentRenderer renderer, V2Links links, CancellationToken ct) =>
        ContainerListAsync(id, ContentRules.CustomContent, sort, cursor, limit, mediaType, filename, request, caller, access, reader, renderer, links, ct);

    /// <summary>Attachments carrying the label, of every space the caller reads; 404 for a label that does not exist.</summary>
    private static async Task<MultiEntityResult<V2AttachmentJson>> GetLabelAttachments(
        string id, string? sort, string? cursor, int? limit, Caller caller, LabelStore labels,
        ContentReader reader, V2AttachmentRenderer renderer, V2Links links, CancellationToken ct)
    {
        var labelId = V2Ids.Parse(id, "id");
        var size = LabelLimits.Parse(limit);
        if (!await labels.ExistsForAsync(labelId, caller.UserId, ct)) throw new NotFoundException($"No label with id '{id}' was found.");
        return await ListAsync(new ContentListing(ContentRules.Attachment, [ContentRules.Current], LabelId: labelId),
            sort, cursor, size, caller, reader, renderer, links, ct);
    }

    /// <summary>An attachment at its current or an asked version; its <c>include-*</c> members through <see cref="V2ContentIncludes"/>.</summary>
    private static async Task<V2AttachmentJson> GetAttachmentById(
        string id, int? version, HttpRequest request, Caller caller, ContentReader reader, V2AttachmentRenderer renderer,
        V2ContentIncludes includes, CancellationToken ct)
    {
        V2AttachmentIds.Parse(id, "id");
        var includeVersion = V2Query.Flag(request, "include-version", absent: true);
        var item = await reader.GetAsync(caller, id, ListStatuses, version, ct);
        if (!item.Content.Is(ContentKind.Attachment)) throw new NotFoundException($"No attachment with id '{id}' was found.");
        var json = (await renderer.RenderAsync([item], includeVersion, single: true, ct))[0];
        await includes.ApplyAsync(request, json, item, ContentKind.Attachment, $"/attachments/{json.Id}", ct);
        return json;
    }

    /// <summary>
    /// A current attachment goes to the trash; <c>purge=true</c> removes a trashed one for good. The spec answers 404,
    /// not 403, to a caller who may not delete it, as to one who cannot see it.
    /// </summary>
    private static async Task<IResult> DeleteAttachment(
        string id, HttpRequest request, Caller caller, ContentReader reader, ContentService service, CancellationToken ct)
    {
        V2AttachmentIds.Parse(id, "id");
        var purge = V2Query.Flag(request, "purge");
        var attachment = await reader.GetAsync(caller, id, ["any"], null, ct);
        if (!attachment.Content.Is(ContentKind.Attachment)) throw new NotFoundException($"No attachment with id '{id}' was found.");
        if (purge && attachment.Content.Status != ContentRules.Trashed)
            throw new BadRequestException($"Attachment {id} is not in the trash; delete it first, then purge it.");
        if (!purge && attachment.Content.Status == ContentRules.Trashed)
            throw new BadRequestException($"Attachment {id} is already in the trash; purge it with purge=true.");
        try
        {
            await service.DeleteAsync(caller, id, purge ? ContentRules.Trashed : null, ct);
        }
        catch (ForbiddenException e)
        {
            throw new NotFoundException(e.Message);
        }
        return Results.NoContent();
    }

    private static async Task<MultiEntityResult<V2AttachmentJson>> ContainerListAsync(
        string id, string type, string? sort, string? cursor, int? limit, string? mediaType, string? filename, HttpRequest request,
        Caller caller, ContentAccess access, ContentReader reader, V2AttachmentRenderer renderer, V2Links links, CancellationToken ct)
    {
        V2Ids.Parse(id, "id");
        var size = Limits.Parse(limit);
        var (container, _) = await access.ViewableAsync(caller, id, ct);
        if (!ContentRules.IsOfType(container.Type, type))
            throw new NotFoundException($"No {(type == ContentRules.BlogPost ? "blog post" : type)} with id '{id}' was found.");
        return await ListAsync(Filtered(request, mediaType, filename, container.Id), sort, cursor, size, caller, reader, renderer, links, ct);
    }

    private static ContentListing Filtered(HttpRequest request, string? mediaType, string? filename, long? containerId) =>
        new(ContentRules.Attachment, V2Query.Values(request, "status", ListStatuses, DefaultListStatuses),
            TitleLower: string.IsNullOrEmpty(filename) ? null : filename.ToLowerInvariant(),
            ContainerId: containerId, MediaType: string.IsNullOrEmpty(mediaType) ? null : mediaType);

    /// <summary>One keyset page of attachments (created date by default, as Cloud lists them), rendered and linked.</summary>
    private static async Task<MultiEntityResult<V2AttachmentJson>> ListAsync(
        ContentListing listing, string? sort, string? cursor, int limit, Caller caller,
        ContentReader reader, V2AttachmentRenderer renderer, V2Links links, CancellationToken ct)
    {
        var (order, orderName) = V2Sort.Content(string.IsNullOrEmpty(sort) ? "created-date" : sort, SortFields);
        var found = await reader.ListAsync(caller, listing, order, new KeysetRequest(V2Cursor.Decode(cursor, orderName), limit), ct);
        return links.Page(await renderer.RenderAsync(found.Results, includeVersion: true, single: false, ct), orderName, found.Next);
    }
}
