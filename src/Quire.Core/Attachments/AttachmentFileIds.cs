using System.Globalization;

namespace Quire.Core.Attachments;

/// <summary>
/// Cloud's media identity of an attachment: <c>extensions.fileId</c> (a UUID) and
/// <c>extensions.collectionName</c> (<c>contentId-&lt;page id&gt;</c>), which ADF <c>media</c>
/// nodes name. Cloud's fileId stays the same across an attachment's versions; Quire's is
/// derived from the attachment's id, so it is stable too, needs no column, and leads back to
/// the attachment without a lookup table. A client treats it as an opaque string.
/// </summary>
public static class AttachmentFileIds
{
    // A fixed UUID prefix (version 4 and variant bits set, so validators accept it) followed by
    // the attachment id in the last twelve hex digits (ids up to 2^48).
    private const string Prefix = "a7ac0f1e-0000-4000-8000-";

    public static string Of(long attachmentId) => Prefix + attachmentId.ToString("x12", CultureInfo.InvariantCulture);

    /// <summary>The attachment a fileId Quire issued names; false for any other string.</summary>
    public static bool TryParse(string? fileId, out long attachmentId)
    {
        attachmentId = 0;
        return fileId is { Length: 36 } && fileId.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
               && long.TryParse(fileId.AsSpan(Prefix.Length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out attachmentId)
               && attachmentId > 0;
    }

    /// <summary>The media collection of the attachments of a page or blog post.</summary>
    public static string Collection(long containerId) => "contentId-" + containerId.ToString(CultureInfo.InvariantCulture);
}
