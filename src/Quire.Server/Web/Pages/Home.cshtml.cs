using Microsoft.AspNetCore.Mvc;

namespace Quire.Server.Web.Pages;

/// <summary><c>/wiki</c> and <c>/wiki/home</c> (Confluence's dashboard): the spaces directory is Quire's start page.</summary>
public sealed class HomeModel : WebPageModel
{
    public IActionResult OnGet() => Redirect(WebPaths.Spaces);
}
