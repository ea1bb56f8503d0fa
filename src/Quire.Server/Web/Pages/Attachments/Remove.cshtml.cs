using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Server.Web.Editing;
using Quire.Storage.Content;

namespace Quire.Server.Web.Pages.Attachments;

/// <summary>
/// <c>/wiki/pages/removeattachment.action?attachmentId=</c>: asks, then deletes an attachment through
/// <see cref="ContentService.DeleteAsync"/> as <c>DELETE /wiki/rest/api/content/{attachmentId}</c> does (the space's
/// delete permission for attachments and the page's update restriction, else 403; it goes to the trash, from where the
/// API restores it), and goes back to the page's attachments.
/// </summary>
public sealed class RemoveModel(ContentService content, ContentAccess access, EditableContent editable) : WebPageModel
{
    protected override bool NeedsSignedInUser => true;

    [BindProperty(SupportsGet = true)] public long? AttachmentId { get; set; }

    public ContentRecord Attachment { get; private set; } = null!;
    public ContentRecord Container { get; private set; } = null!;
    public string ContainerLink { get; private set; } = "";
    public string AttachmentsLink => $"/wiki/pages/viewpageattachments.action?pageId={Container.Id}";

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        await access.RequireDeleteAsync(Caller, Attachment, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        await content.DeleteAsync(Caller, Attachment.Id.ToString(CultureInfo.InvariantCulture), null, ct);
        return Redirect(AttachmentsLink);
    }

    /// <summary>The current attachment and its container, as the caller sees them (404 otherwise).</summary>
    private async Task LoadAsync(CancellationToken ct)
    {
        if (AttachmentId is not { } id) throw new BadRequestException("Say which attachment: attachmentId is missing.");
        var (file, _) = await editable.AnyStatusAsync(Caller, id, ct);
        if (file.Type != ContentRules.Attachment || file.Status != ContentRules.Current || file.ContainerId is not { } containerId)
            throw new NotFoundException($"No current attachment with id {id} was found.");
        var (container, space) = await editable.AnyStatusAsync(Caller, containerId, ct);
        (Attachment, Container, ContainerLink) = (file, container, EditableContent.Link(container, space));
    }
}
