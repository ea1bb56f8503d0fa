using Quire.Server.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Quire.Core.Attachments;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Server.Api.Content;
using Quire.Server.Hosting;
using Quire.Server.Http;
using Quire.Storage.Blobs;

namespace Quire.Server.Api.ContentAttachments;

/// <summary>
/// The <c>Content - attachments</c> group: <c>/content/{id}/child/attachment</c>, and the
/// download address that attachments' <c>_links.download</c> points to.
/// </summary>
public static class ContentAttachmentsApi
{
    private static readonly PageLimits AttachmentLimits = new(25, 200);

    /// <summary>The spec: the attachment listing expands <c>metadata</c> unless told otherwise.</summary>
    private const string ListingExpand = "metadata";

    /// <summary>What an upload or update answers with when the client names no expansion (as Confluence answers).</summary>
    private const string WriteExpand = "version,container,metadata";

    public sealed record AttachmentMetadataRequest(string? MediaType, string? Comment);

    public sealed record AttachmentVersionRequest(int? Number);

    /// <summary>AttachmentPropertiesUpdateBody; the comment may come in <c>metadata</c> or <c>extensions</c>.</summary>
    public sealed record AttachmentPropertiesUpdateRequest(
        JsonElement? Id, string? Type, string? Status, string? Title, JsonElement? Container, AttachmentMetadataRequest? Metadata,
        AttachmentMetadataRequest? Extensions, AttachmentVersionRequest? Version);

    public static RouteGroupBuilder MapContentAttachmentsApi(this RouteGroupBuilder api)
    {
        // An upload is bounded by the attachment size, not by the JSON body limit of other calls.
        var uploadLimit = UploadBodyLimit.Of(((IEndpointRouteBuilder)api).ServiceProvider);
        var attachments = api.MapGroup("/content/{id}/child/attachment");
        attachments.MapGet("", GetAttachments);
        attachments.MapPost("", CreateAttachment).WithMetadata(uploadLimit);
        attachments.MapPut("", CreateOrUpdateAttachments).WithMetadata(uploadLimit);
        attachments.MapPut("/{attachmentId}", UpdateAttachmentProperties);
        attachments.MapPost("/{attachmentId}/data", UpdateAttachmentData).WithMetadata(uploadLimit);
        attachments.MapMethods("/{attachmentId}/download", [HttpMethods.Get, HttpMethods.Head], DownloadAttachment);
        return api;
    }

    /// <summary>Where <c>_links.download</c> points (relative to <c>/wiki</c>, as Confluence's), by page id and file name.</summary>
    public static IEndpointRouteBuilder MapAttachmentDownloads(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/wiki/download/attachments/{pageId}/{fileName}", [HttpMethods.Get, HttpMethods.Head], DownloadByName).RequireAuthorization()
            .AcceptWebSession(); // a page's images and attachment links, opened by the browser with its session cookie
        return app;
    }

    private static async Task<PagedJson<ContentJson>> GetAttachments(
        string id, string? filename, string? mediaType, int? start, int? limit, HttpRequest request, Caller caller,
        AttachmentService service, ContentExpansions expansions, ApiLinks links, CancellationToken ct)
    {
        var (_, page) = await service.ListAsync(caller, id, filename, mediaType, AttachmentLimits.Parse(start, limit), ct);
        var rendered = await expansions.RenderAsync(page.Results, caller, ContentApi.ExpandOf(request, ListingExpand), ct);
        return PagedJson<ContentJson>.From(new Core.Paging.Page<ContentJson>(rendered, page.Request, page.HasMore), c => c, links);
    }

    private static Task<PagedJson<ContentJson>> CreateAttachment(
        string id, string? status, HttpRequest request, Caller caller, AttachmentService service, AttachmentUploadReader reader,
        ContentExpansions expansions, ApiLinks links, IOptions<QuireOptions> options, CancellationToken ct) =>
        UploadAsync(id, status, replaceExisting: false, request, caller, service, reader, expansions, links, options.Value, ct);

    private static Task<PagedJson<ContentJson>> CreateOrUpdateAttachments(
        string id, string? status, HttpRequest request, Caller caller, AttachmentService service, AttachmentUploadReader reader,
        ContentExpansions expansions, ApiLinks links, IOptions<QuireOptions> options, CancellationToken ct) =>
        UploadAsync(id, status, replaceExisting: true, request, caller, service, reader, expansions, links, options.Value, ct);

    private static async Task<PagedJson<ContentJson>> UploadAsync(
        string id, string? status, bool replaceExisting, HttpRequest request, Caller caller, AttachmentService service,
        AttachmentUploadReader reader, ContentExpansions expansions, ApiLinks links, QuireOptions options, CancellationToken ct)
    {
        Xsrf.Require(request, "multipart requests");
        // Checked before a byte of the body is read: nobody uploads into content they may not change.
        var container = await service.ContainerForUploadAsync(caller, id, QueryValues.Blank(status), ct);
        var received = new List<ReceivedBlob>();
        try
        {
            var upload = await reader.ReadAsync(request, options.Attachments.MaxUploadBytes, received, ct);
            var created = await service.AddAsync(caller, container, upload, replaceExisting, ct);
            var rendered = await expansions.RenderAsync(created, caller, ContentApi.ExpandOf(request, WriteExpand), topLevel: false, ct);
            return PagedJson<ContentJson>.From(
                new Core.Paging.Page<ContentJson>(rendered, new Core.Paging.PageRequest(0, rendered.Count), false), c => c, links);
        }
        finally
        {
            // Bytes of a refused upload go; published ones are no longer where this looks.
            await service.DiscardAsync(received);
        }
    }

    private static async Task<ContentJson> UpdateAttachmentData(
        string id, string attachmentId, HttpRequest request, Caller caller, AttachmentService service, AttachmentUploadReader reader,
        ContentExpansions expansions, IOptions<QuireOptions> options, CancellationToken ct)
    {
        Xsrf.Require(request, "multipart requests");
        var container = await service.ContainerForUploadAsync(caller, id, null, ct);
        var received = new List<ReceivedBlob>();
        try
        {
            var upload = await reader.ReadAsync(request, options.Value.Attachments.MaxUploadBytes, received, ct);
            var updated = await service.UpdateDataAsync(caller, container, attachmentId, upload, ct);
            return (await expansions.RenderAsync([updated], caller, ContentApi.ExpandOf(request, WriteExpand), topLevel: true, ct))[0];
        }
        finally
        {
            await service.DiscardAsync(received);
        }
    }

    private static async Task<ContentJson> UpdateAttachmentProperties(
        string id, string attachmentId, AttachmentPropertiesUpdateRequest? body, HttpRequest request, Caller caller,
        AttachmentService service, ContentExpansions expansions, CancellationToken ct)
    {
        if (body is null) throw new BadRequestException("The request body must be an AttachmentPropertiesUpdateBody object.");
        var bodyId = body.Id switch
        {
            { ValueKind: JsonValueKind.String } s => s.GetString(),
            { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
            null or { ValueKind: JsonValueKind.Null } => null,
            _ => throw new BadRequestException("id must be the attachment's id."),
        };
        var containerId = ContentRequests.ContainerId(body.Container);
        var changes = new AttachmentChanges(
            bodyId, QueryValues.Blank(body.Type), body.Version?.Number, body.Title, body.Metadata?.MediaType ?? body.Extensions?.MediaType,
            body.Metadata?.Comment ?? body.Extensions?.Comment, containerId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var updated = await service.UpdatePropertiesAsync(caller, id, attachmentId, changes, ct);
        return (await expansions.RenderAsync([updated], caller, ContentApi.ExpandOf(request, WriteExpand), topLevel: true, ct))[0];
    }

    private static async Task<IResult> DownloadAttachment(
        string id, string attachmentId, int? version, Caller caller, AttachmentService service, CancellationToken ct) =>
        FileResult(await service.OpenAsync(caller, id, attachmentId, version, ct));

    private static async Task<IResult> DownloadByName(
        string pageId, string fileName, int? version, Caller caller, AttachmentService service, CancellationToken ct) =>
        FileResult(await service.OpenByNameAsync(caller, pageId, fileName, version, ct));

    /// <summary>
    /// The exact bytes with their media type and length; <c>Range</c> requests get 206. The
    /// file name goes in <c>Content-Disposition</c> with an RFC 5987 <c>filename*</c> for any
    /// Unicode name. Served as a download that no browser runs: uploaded HTML stays inert.
    /// </summary>
    private static IResult FileResult(AttachmentDownload download) => new AttachmentFileResult(download);

    private sealed class AttachmentFileResult(AttachmentDownload download) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            await using var owned = download;
            context.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
            context.Response.Headers[HeaderNames.ContentSecurityPolicy] = "sandbox";
            var modified = DateTimeOffset.FromUnixTimeMilliseconds(download.Attachment.UpdatedAt);
            // Stored media types are checked on the way in; one that is not a valid header value anyway is served as bytes.
            var mediaType = MediaTypeHeaderValue.TryParse(download.File.MediaType, out _) ? download.File.MediaType : "application/octet-stream";
            var result = TypedResults.Stream(
                download.Bytes, mediaType, download.Attachment.Title, modified,
                new EntityTagHeaderValue($"\"{download.File.BlobKey}\""), enableRangeProcessing: true);
            await result.ExecuteAsync(context);
        }
    }
}
