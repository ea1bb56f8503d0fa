using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Quire.Core.Content;
using Quire.Server.Web.Content;

namespace Quire.Server.Web.Pages.Content;

/// <summary>
/// <c>/pages/resumedraft.action?draftId=ID</c>, the <c>editui</c> of pages and blog posts. A draft is shown to
/// its author (ContentAccess hides it from everybody else: 404); for published content this is the way into the
/// editor, so it goes there (the editor's page is /wiki/pages/editpage.action).
/// </summary>
public sealed class ResumeDraftModel(ContentPageLoader loader) : WebPageModel
{
    protected override bool NeedsSignedInUser => true;

    public ContentPageView? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? draftId, CancellationToken ct)
    {
        if (!long.TryParse(draftId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return ErrorPage(StatusCodes.Status400BadRequest, "draftId must be a content id.");
        var view = await loader.LoadAsync(Caller, id, [ContentRules.Draft, ContentRules.Current], ct);
        if (view.Content.Status != ContentRules.Draft)
            return Redirect($"/wiki/pages/editpage.action?pageId={id}");
        View = view;
        return Page();
    }
}
