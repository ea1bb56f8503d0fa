using Quire.Storage.Attachments;
using Quire.Storage.Blobs;
using Quire.Storage.Content;

namespace Quire.Core.Attachments;

/// <summary>One file part of an upload, its bytes already received by the blob store.</summary>
public sealed record IncomingFile(string FileName, string MediaType, ReceivedBlob Blob);

/// <summary>An upload as the client sent it: files, their comments (none, or one per file, in order) and minorEdit.</summary>
public sealed record AttachmentUpload(IReadOnlyList<IncomingFile> Files, IReadOnlyList<string> Comments, bool MinorEdit);

/// <summary>A property update (AttachmentPropertiesUpdateBody); null fields stay as they are.</summary>
public sealed record AttachmentChanges(
    string? Id, string? Type, int? VersionNumber, string? Title, string? MediaType, string? Comment, string? ContainerId);

/// <summary>The bytes of one attachment version, opened for reading, with what the response needs to describe them.</summary>
public sealed record AttachmentDownload(ContentRecord Attachment, AttachmentFileRecord File, Stream Bytes) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Bytes.DisposeAsync();
}
