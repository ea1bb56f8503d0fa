using Quire.Core.Attachments;
using Quire.Core.Formats.Adf;
using Quire.Storage.Attachments;

namespace Quire.Core.ContentBody;

/// <summary>
/// The attachments of one page or blog post as ADF media nodes name them: by Cloud's fileId
/// within the page's collection (<c>contentId-&lt;id&gt;</c>). Only the body's own page's
/// attachments resolve, so a body can never pull in the name of a file its writer may not see.
/// </summary>
public sealed class AttachmentMediaFiles : IAdfMediaFiles
{
    private readonly Dictionary<string, string> _namesByFileId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _fileIdsByName = new(StringComparer.OrdinalIgnoreCase);

    public AttachmentMediaFiles(long? containerId, IEnumerable<AttachmentName> attachments)
    {
        Collection = containerId is { } id ? AttachmentFileIds.Collection(id) : null;
        foreach (var attachment in attachments)
        {
            var fileId = AttachmentFileIds.Of(attachment.Id);
            _namesByFileId[fileId] = attachment.FileName;
            _fileIdsByName[attachment.FileName] = fileId;
        }
    }

    public string? Collection { get; }

    public string? FileNameOf(string fileId) => _namesByFileId.GetValueOrDefault(fileId);

    public string? FileIdOf(string fileName) => _fileIdsByName.GetValueOrDefault(fileName);
}
