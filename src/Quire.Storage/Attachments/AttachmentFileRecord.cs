namespace Quire.Storage.Attachments;

/// <summary>A row of <c>attachment_files</c>: what one version of an attachment holds.</summary>
public sealed record AttachmentFileRecord
{
    public long ContentId { get; init; }
    public int Version { get; init; }
    public required string BlobKey { get; init; }
    public long FileSize { get; init; }
    public required string MediaType { get; init; }
    public string Comment { get; init; } = "";
}
