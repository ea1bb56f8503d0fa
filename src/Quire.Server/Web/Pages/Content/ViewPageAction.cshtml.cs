using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Quire.Core.Content;
using Quire.Server.Web.Content;

namespace Quire.Server.Web.Pages.Content;

/// <summary>
/// Confluence's legacy <c>/pages/viewpage.action?pageId=ID</c> (the webui of content properties and some
/// space links): a redirect to the content's own address, once the caller may see it (404 otherwise).
/// </summary>
public sealed class ViewPageActionModel(ContentReader reader) : WebPageModel
{
    public async Task<IActionResult> OnGetAsync(string? pageId, CancellationToken ct)
    {
        if (!long.TryParse(pageId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return ErrorPage(StatusCodes.Status400BadRequest, "pageId must be a content id.");
        return Redirect(await WebContentAddress.OfAsync(reader, Caller, id, ct));
    }
}
