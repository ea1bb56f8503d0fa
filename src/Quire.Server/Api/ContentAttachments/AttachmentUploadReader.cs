using System.Text;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Quire.Core.Attachments;
using Quire.Core.Errors;
using Quire.Storage.Blobs;

namespace Quire.Server.Api.ContentAttachments;

/// <summary>
/// Reads an attachment upload (multipart/form-data with <c>file</c>, <c>comment</c> and
/// <c>minorEdit</c> parts) straight from the request body: each file part streams into the
/// blob store as it arrives, so no file is ever held in memory or buffered by the framework.
/// </summary>
public sealed class AttachmentUploadReader(AttachmentService attachments)
{
    /// <summary>A comment is at most 255 characters; 4 KB of UTF-8 holds that with room to spare.</summary>
    private const int MaxTextPartBytes = 4 * 1024;
    private static readonly FileExtensionContentTypeProvider MediaTypesByExtension = new();

    /// <summary>
    /// The upload's parts; the file bytes are already in the blob store as received blobs,
    /// listed in <paramref name="received"/> even when reading fails, so the caller can discard them.
    /// </summary>
    public async Task<AttachmentUpload> ReadAsync(HttpRequest request, long maxFileBytes, List<ReceivedBlob> received, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) ||
            !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw new BadRequestException("Attachments are uploaded as multipart/form-data with a 'file' part.");
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200)
            throw new BadRequestException("The multipart/form-data content type has no valid boundary.");

        var files = new List<IncomingFile>();
        var comments = new List<string>();
        var minorEdit = false;
        var reader = new MultipartReader(boundary, request.Body);
        try
        {
            MultipartSection? section;
            while ((section = await reader.ReadNextSectionAsync(ct)) is not null)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                    throw new BadRequestException("Every part of the upload needs a 'Content-Disposition: form-data' header.");
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                switch (name)
                {
                    case "file":
                        // Refused while reading, before the part's bytes are stored.
                        if (files.Count == AttachmentRules.MaxFilesPerRequest)
                            throw new BadRequestException($"At most {AttachmentRules.MaxFilesPerRequest} files may be attached at once.");
                        var fileName = FileNameOf(disposition);
                        var blob = await attachments.ReceiveAsync(section.Body, maxFileBytes, ct);
                        received.Add(blob);
                        files.Add(new IncomingFile(fileName, MediaTypeOf(section.ContentType, fileName), blob));
                        break;
                    case "comment":
                        if (comments.Count == AttachmentRules.MaxFilesPerRequest)
                            throw new BadRequestException($"At most {AttachmentRules.MaxFilesPerRequest} comments may be given, one per file.");
                        comments.Add(await TextAsync(section, ct));
                        break;
                    case "minorEdit":
                        var value = (await TextAsync(section, ct)).Trim().Trim('"');
                        minorEdit = bool.TryParse(value, out var parsed)
                            ? parsed
                            : throw new BadRequestException($"minorEdit must be true or false, not '{value}'.");
                        break;
                    default:
                        await section.Body.DrainAsync(ct); // Unknown parts are ignored, as Confluence does.
                        break;
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException || e is IOException and not BadHttpRequestException)
        {
            throw new BadRequestException($"The multipart/form-data body is malformed: {e.Message}");
        }
        return new AttachmentUpload(files, comments, minorEdit);
    }

    /// <summary>The part's file name; <c>filename*</c> (RFC 5987) carries any Unicode name and wins over <c>filename</c>.</summary>
    private static string FileNameOf(ContentDispositionHeaderValue disposition)
    {
        var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
        return string.IsNullOrWhiteSpace(name)
            ? throw new BadRequestException("A 'file' part needs a file name (filename in its Content-Disposition).")
            : name;
    }

    /// <summary>
    /// The media type the client gave the part, or else the one its file name suggests. A part
    /// typed <c>application/octet-stream</c> says only "bytes": it is what HTTP clients send when
    /// they do not know (form-data libraries default to it), so the file name decides there too,
    /// as Confluence Cloud does; a name that suggests nothing stays application/octet-stream.
    /// </summary>
    public static string MediaTypeOf(string? partContentType, string fileName)
    {
        if (MediaTypeHeaderValue.TryParse(partContentType, out var given) && given.MediaType.HasValue && given.MediaType.Value!.Contains('/') &&
            !given.MediaType.Equals(OctetStream, StringComparison.OrdinalIgnoreCase))
            return given.MediaType.Value!.ToLowerInvariant();
        return MediaTypesByExtension.TryGetContentType(fileName, out var guessed) ? guessed : OctetStream;
    }

    private const string OctetStream = "application/octet-stream";

    private static async Task<string> TextAsync(MultipartSection section, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await section.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxTextPartBytes)
                throw new BadRequestException($"A text part of the upload may hold at most {MaxTextPartBytes} bytes.");
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
