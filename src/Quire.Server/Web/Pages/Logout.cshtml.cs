using Microsoft.AspNetCore.Mvc;
using Quire.Core.Security;

namespace Quire.Server.Web.Pages;

/// <summary>
/// <c>/wiki/logout.action</c>: a POST (with its antiforgery token, so another site cannot sign a user out)
/// deletes the session's row and its cookie; a GET only shows the button.
/// </summary>
public sealed class LogoutModel(WebSessionService sessions) : WebPageModel
{
    protected override bool NeedsCaller => false;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await sessions.EndAsync(WebSessionCookie.Read(Request), ct);
        WebSessionCookie.Delete(HttpContext);
        return Redirect(WebPaths.Login);
    }
}
