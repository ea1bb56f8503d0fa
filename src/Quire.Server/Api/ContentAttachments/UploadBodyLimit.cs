using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Quire.Server.Hosting;

namespace Quire.Server.Api.ContentAttachments;

/// <summary>
/// Endpoint metadata that raises the request body limit of an upload (read by ASP.NET Core's request size limit): the
/// attachment size (<c>Quire:Attachments:MaxUploadBytes</c>) plus room for the multipart framing around the file. One
/// type for every upload route, the API's and the web interface's, so both take the same files.
/// </summary>
public sealed record UploadBodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata
{
    /// <summary>Multipart framing around the file (boundaries, part headers, other fields); the file itself is limited on its own.</summary>
    public const long MultipartOverheadBytes = 1024 * 1024;

    /// <summary>The limit for the configured attachment size.</summary>
    public static UploadBodyLimit Of(IServiceProvider services) =>
        new(services.GetRequiredService<IOptions<QuireOptions>>().Value.Attachments.MaxUploadBytes + MultipartOverheadBytes);
}
