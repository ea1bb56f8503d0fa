using Microsoft.AspNetCore.Mvc;
using Quire.Core.Attachments;
using Quire.Server.Web.Editing;
using Quire.Storage.Content;

namespace Quire.Server.Web.Pages.Attachments;

/// <summary>
/// <c>/wiki/pages/attachfile.action?pageId=</c>: the upload form of a page or blog post, shown to a caller who may add
/// attachments to it (the API's checks: 404 unseen, 403 without the permission or past its update restriction).
/// The form posts to <see cref="WebUploadEndpoint"/>, which streams the file.
/// </summary>
public sealed class UploadModel(AttachmentService attachments, EditableContent editable) : WebPageModel
{
    protected override bool NeedsSignedInUser => true;

    [BindProperty(SupportsGet = true)] public long? PageId { get; set; }

    public ContentRecord Item { get; private set; } = null!;
    public string ItemLink { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (record, space) = await editable.ViewableAsync(Caller, PageId, ct);
        await attachments.ContainerForUploadAsync(Caller, record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, ct);
        (Item, ItemLink) = (record, EditableContent.Link(record, space));
    }
}
