namespace Quire.Core.Formats.Adf;

/// <summary>
/// What the converters know about the attachments of the content being converted, loaded by
/// the caller beforehand: ADF names a file by its media fileId, storage format by its file name.
/// </summary>
public interface IAdfMediaFiles
{
    /// <summary>"contentId-&lt;id&gt;" of the content the body belongs to, or null when converting without a content.</summary>
    string? Collection { get; }

    /// <summary>The file name of the attachment with this fileId (any collection), or null when unknown.</summary>
    string? FileNameOf(string fileId);

    /// <summary>The fileId of the attachment with this file name on the content, or null when unknown.</summary>
    string? FileIdOf(string fileName);
}

/// <summary>No attachments: every media node stays as ADF keeps it (an adf-extension in storage).</summary>
public sealed class NoAdfMediaFiles : IAdfMediaFiles
{
    public static readonly NoAdfMediaFiles Instance = new();

    private NoAdfMediaFiles() { }

    public string? Collection => null;
    public string? FileNameOf(string fileId) => null;
    public string? FileIdOf(string fileName) => null;
}
