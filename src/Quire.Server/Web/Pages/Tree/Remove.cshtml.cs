using Microsoft.AspNetCore.Mvc;
using Quire.Core.Content;
using Quire.Server.Web.Editing;
using Quire.Storage.Content;

namespace Quire.Server.Web.Pages.Tree;

/// <summary>
/// <c>/wiki/pages/removepage.action?pageId=</c>: asks, then moves a page or blog post to its space's trash through
/// <see cref="ContentService.DeleteAsync"/> as <c>DELETE /wiki/rest/api/content/{id}</c> does (the space's delete
/// permission; its children move up). The space's administrators restore or purge it from the trash.
/// </summary>
public sealed class RemoveModel(ContentService content, ContentAccess access, EditableContent editable) : WebPageModel
{
    protected override bool NeedsSignedInUser => true;

    [BindProperty(SupportsGet = true)] public long? PageId { get; set; }

    public ContentRecord Item { get; private set; } = null!;
    public string ContentLink { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (record, space) = await editable.ViewableAsync(Caller, PageId, ct);
        await access.RequireDeleteAsync(Caller, record, ct);
        (Item, ContentLink) = (record, EditableContent.Link(record, space));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (record, space) = await editable.ViewableAsync(Caller, PageId, ct);
        await content.DeleteAsync(Caller, record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, ct);
        return Redirect(WebLinks.Space(space.Key));
    }
}
