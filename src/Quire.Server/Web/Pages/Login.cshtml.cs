using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Quire.Core.Security;
using Quire.Server.Authentication;

namespace Quire.Server.Web.Pages;

/// <summary>
/// <c>/wiki/login.action</c>, Confluence's sign-in page: e-mail or user name with a password or an API token,
/// checked by the same <see cref="SignInService"/> (and throttle) as HTTP Basic. Success starts a session,
/// sets its cookie and goes to <c>os_destination</c> (a path on this site only).
/// </summary>
public sealed class LoginModel(SignInService signIn, WebSessionService sessions) : WebPageModel
{
    protected override bool NeedsCaller => false;

    [BindProperty(SupportsGet = true, Name = WebPaths.DestinationParameter)]
    public string? Destination { get; set; }

    [BindProperty(Name = "os_username")]
    public string? Login { get; set; }

    [BindProperty(Name = "os_password")]
    public string? Password { get; set; }

    public string? Message { get; private set; }

    public IActionResult OnGet() => Visitor.IsSignedIn ? Redirect(WebPaths.SafeDestination(Destination)) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var login = Login ?? "";
        var secret = Password ?? "";
        if (login.Length == 0 || secret.Length == 0 || login.Contains('\0') || secret.Contains('\0'))
            return Refuse(StatusCodes.Status400BadRequest, "Give your e-mail or user name, and your password or an API token.");

        var result = await signIn.SignInAsync(login, secret, ClientAddress.KeyOf(HttpContext.Connection.RemoteIpAddress), ct);
        if (result.RetryAfter is { } wait)
        {
            var seconds = (long)Math.Ceiling(wait.TotalSeconds);
            Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Refuse(StatusCodes.Status429TooManyRequests, $"Too many failed sign-ins: try again in {seconds} seconds, or sign in with an API token.");
        }
        if (result.Caller is not { } caller)
            return Refuse(StatusCodes.Status401Unauthorized, "Wrong e-mail, user name, password or API token.");
        if (!caller.CanUse)
            return Refuse(StatusCodes.Status403Forbidden, "You do not have the global 'use' permission on this site: ask a site administrator.");

        // A session the incoming cookie named (another user's, or a copied one) ends here: signing in again
        // must not leave the old secret working alongside the new one.
        await sessions.EndAsync(WebSessionCookie.Read(Request), ct);
        var session = await sessions.StartAsync(caller.UserId, ct);
        WebSessionCookie.Write(HttpContext, session.Secret, session.ExpiresAt);
        return Redirect(WebPaths.SafeDestination(Destination));
    }

    private PageResult Refuse(int status, string message)
    {
        Response.StatusCode = status;
        Message = message;
        Password = null;
        return Page();
    }
}
