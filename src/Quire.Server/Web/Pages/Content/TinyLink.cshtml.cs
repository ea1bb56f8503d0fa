using Microsoft.AspNetCore.Mvc;
using Quire.Core.Content;
using Quire.Server.Web.Content;

namespace Quire.Server.Web.Pages.Content;

/// <summary><c>/x/TINY</c>, the <c>tinyui</c> short link: redirects to the content it names, if the caller may see it.</summary>
public sealed class TinyLinkModel(ContentReader reader) : WebPageModel
{
    public async Task<IActionResult> OnGetAsync(string tinyId, CancellationToken ct) =>
        ContentWebLinks.TryParseTinyId(tinyId, out var id)
            ? Redirect(await WebContentAddress.OfAsync(reader, Caller, id, ct))
            : ErrorPage(StatusCodes.Status404NotFound, "This short link names no content.");
}
