using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Quire.Core.Attachments;
using Quire.Core.Errors;
using Quire.Server.Api.ContentAttachments;
using Quire.Server.Hosting;
using Quire.Storage.Blobs;

namespace Quire.Server.Web.Editing;

/// <summary>
/// <c>POST /wiki/pages/doattachfile.action?pageId=</c> (Confluence's address): the upload form's files streamed
/// into the blob store by the API's own <see cref="AttachmentUploadReader"/> and added by
/// <see cref="AttachmentService"/>, with the API's size limit and checks (the container is checked before a byte
/// is read). A Razor page would buffer the whole form to check its antiforgery token, so this endpoint takes the
/// token from the form's first part (the form puts it there) and checks it before reading any file.
/// </summary>
public static class WebUploadEndpoint
{
    public const string Path = "/wiki/pages/doattachfile.action";

    /// <summary>
    /// How much of the body may be read to find the token: the multipart reader reads ahead of the part it
    /// returns (its buffer), so this bounds that look-ahead too.
    /// </summary>
    private const int FirstPartLimitBytes = 64 * 1024;

    public static void Map(WebApplication app)
    {
        app.MapPost(Path, UploadAsync)
            .WithMetadata(WebPageEndpoint.Instance, UploadBodyLimit.Of(app.Services))
            .DisableAntiforgery(); // checked below, from the first part, without buffering the files
    }

    private static async Task<IResult> UploadAsync(
        HttpContext context, long? pageId, WebVisitor visitor, AttachmentService attachments, AttachmentUploadReader reader,
        IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions, IOptions<QuireOptions> options)
    {
        var ct = context.RequestAborted;
        var received = new List<ReceivedBlob>();
        try
        {
            await RequireTokenAsync(context, antiforgery, antiforgeryOptions.Value);
            if (visitor.Caller is not { IsAnonymous: false } caller)
                return Results.Redirect(WebPaths.LoginReturningTo($"/wiki/pages/attachfile.action?pageId={pageId}"));
            if (!caller.CanUse) throw new ForbiddenException("You do not have the global 'use' permission.");
            var id = pageId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? throw new BadRequestException("Say which page: pageId is missing.");
            var container = await attachments.ContainerForUploadAsync(caller, id, null, ct);
            var upload = await reader.ReadAsync(context.Request, options.Value.Attachments.MaxUploadBytes, received, ct);
            if (upload.Files.Count == 0) throw new BadRequestException("Choose a file to upload.");
            await attachments.AddAsync(caller, container, upload, replaceExisting: true, ct);
            return Results.Redirect($"/wiki/pages/viewpageattachments.action?pageId={container.Content.Id}");
        }
        catch (QuireException refusal)
        {
            return Refused(context, refusal.StatusCode, refusal.Message);
        }
        catch (AntiforgeryValidationException)
        {
            return Refused(context, StatusCodes.Status400BadRequest, "The form was out of date or not sent by this site's page. Open the page again and retry.");
        }
        finally
        {
            await attachments.DiscardAsync(received);
        }
    }

    /// <summary>
    /// The status, whose HTML error page the status pages render by running the request again at the error page.
    /// That page must not try to read this request's half-read multipart body as a form, so the body goes first.
    /// </summary>
    private static IResult Refused(HttpContext context, int status, string message)
    {
        WebErrorMessage.Set(context, message);
        context.Request.ContentType = null;
        context.Request.ContentLength = 0;
        context.Request.Body = Stream.Null;
        return Results.StatusCode(status);
    }

    /// <summary>
    /// Reads the first part of the multipart body, which must be the antiforgery field, and validates it with the
    /// cookie as a header token (antiforgery's own check); the rest of the body is left for the upload reader.
    /// </summary>
    private static async Task RequireTokenAsync(HttpContext context, IAntiforgery antiforgery, AntiforgeryOptions options)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
            throw new BadRequestException("Files are uploaded as multipart/form-data.");
        var body = new ReplayableBody(context.Request.Body, FirstPartLimitBytes);
        string? token = null;
        try
        {
            var first = await new MultipartReader(boundary, body.Recording).ReadNextSectionAsync(context.RequestAborted);
            if (first is not null && ContentDispositionHeaderValue.TryParse(first.ContentDisposition, out var disposition) &&
                HeaderUtilities.RemoveQuotes(disposition.Name).Value == options.FormFieldName)
                token = await new StreamReader(first.Body).ReadToEndAsync(context.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or IOException and not BadHttpRequestException)
        {
            throw new AntiforgeryValidationException("The upload form's first part could not be read: " + e.Message);
        }
        if (string.IsNullOrEmpty(token) || options.HeaderName is not { } header)
            throw new AntiforgeryValidationException("The antiforgery field must come first in the upload form.");
        context.Request.Headers[header] = token;
        await antiforgery.ValidateRequestAsync(context);
        context.Request.Body = body.Replay(); // the upload reader reads it all again, the token part first (it ignores it)
    }
}
