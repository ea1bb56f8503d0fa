using Quire.Core.Content;
using Quire.Storage.Content;
using Quire.Storage.Spaces;

namespace Quire.Server.Web.Content;

/// <summary>A link the page shows: its text and where it goes (a path on this site).</summary>
public sealed record WebLink(string Text, string Href);

/// <summary>An attachment in a page's list: its name, size and type, and where to download it.</summary>
public sealed record AttachmentView(long Id, string FileName, string MediaType, long? Size, string Download, int Version)
{
    /// <summary>The attachments of <paramref name="containerId"/> with their current files' type and size (files read in one query).</summary>
    public static async Task<IReadOnlyList<AttachmentView>> ListAsync(
        Quire.Storage.Attachments.AttachmentStore files, IReadOnlyList<ContentRecord> attachments, long containerId, CancellationToken ct)
    {
        var found = await files.FilesAsync(attachments.Select(a => a.Id).ToList(), attachments.Select(a => a.Version).Distinct().ToList(), ct);
        var byVersion = found.ToDictionary(f => (f.ContentId, f.Version));
        return attachments.Select(a =>
        {
            var file = byVersion.GetValueOrDefault((a.Id, a.Version));
            return new AttachmentView(a.Id, a.Title, file?.MediaType ?? "application/octet-stream", file?.FileSize,
                WebLinks.FromWebui(ContentWebLinks.Download(a, containerId)), a.Version);
        }).ToList();
    }
}

/// <summary>A comment as the page shows it: the author's name, when, and its body rendered (sanitized) as HTML.</summary>
public sealed record CommentView(long Id, long? ParentId, string Author, long CreatedAt, string BodyHtml);

/// <summary>
/// Everything a content view shows, read for one caller through the Core services the API uses: the content,
/// its body rendered from the view representation (sanitized by the renderer), breadcrumbs, labels,
/// attachments, footer comments and its author.
/// </summary>
public sealed record ContentPageView(
    ContentItem Item,
    string Webui,
    string BodyHtml,
    IReadOnlyList<WebLink> Breadcrumbs,
    IReadOnlyList<ContentLabelRecord> Labels,
    IReadOnlyList<AttachmentView> Attachments,
    bool MoreAttachments,
    IReadOnlyList<CommentView> Comments,
    bool MoreComments,
    string Author,
    string? Creator)
{
    public ContentRecord Content => Item.Content;
    public SpaceRecord Space => Item.Space;
}
