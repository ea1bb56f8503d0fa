using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Quire.Core.Attachments;
using Quire.Core.Content;
using Quire.Core.Paging;
using Quire.Server.Web.Content;
using Quire.Storage.Attachments;

namespace Quire.Server.Web.Pages.Content;

/// <summary>
/// <c>/pages/viewpageattachments.action?pageId=ID&amp;preview=/ID/ATTACHMENT/NAME</c>, an attachment's <c>webui</c>:
/// the attachments of a page or blog post (AttachmentService's listing, as the API's), with the one named by
/// <c>preview</c> shown first (an image inline; SVG only as a download, since it may carry script).
/// </summary>
public sealed class AttachmentsModel(AttachmentService attachments, AttachmentStore files, Editing.EditableContent editable) : WebPageModel
{
    private const int PageSize = 100;

    public ContentItem? Container { get; private set; }
    public string ContainerHref { get; private set; } = "";
    public IReadOnlyList<AttachmentView> Files { get; private set; } = [];
    public AttachmentView? Preview { get; private set; }
    public Pager Pager { get; private set; } = Pager.None;
    /// <summary>Whether each file offers its delete action (the delete checks again).</summary>
    public bool CanDelete { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? pageId, string? preview, int start, CancellationToken ct)
    {
        if (!long.TryParse(pageId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return ErrorPage(StatusCodes.Status400BadRequest, "pageId must be a content id.");
        var request = new PageRequest(Math.Max(0, start), PageSize);
        var (container, page) = await attachments.ListAsync(Caller, pageId, null, null, request, ct);
        Container = container;
        ContainerHref = WebLinks.FromWebui(ContentWebLinks.Webui(container.Content, container.Space.Key));
        Files = await AttachmentView.ListAsync(files, page.Results, id, ct);
        Preview = PreviewedId(preview, id) is { } previewed ? Files.FirstOrDefault(f => f.Id == previewed) : null;
        Pager = Pager.Of(Request, request, page.HasMore);
        CanDelete = Files.Count > 0 && container.Content.Status == ContentRules.Current && !Caller.IsAnonymous
                    && await editable.CanDeleteAttachmentsAsync(Caller, container.Content, ct);
        return Page();
    }

    /// <summary>The attachment id in <c>preview</c> (<c>/CONTAINER/ATTACHMENT/NAME</c>), when it names this container.</summary>
    private static long? PreviewedId(string? preview, long containerId)
    {
        var parts = (preview ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2
               && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var container) && container == containerId
               && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var attachment)
            ? attachment
            : null;
    }
}
