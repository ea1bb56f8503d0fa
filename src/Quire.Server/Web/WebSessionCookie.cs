namespace Quire.Server.Web;

/// <summary>
/// The session cookie: the session's random secret, HttpOnly (no script reads it), SameSite=Lax (sent
/// when a link from elsewhere is followed, never on another site's form post), Secure when the request
/// came over https, and scoped to <c>/wiki</c>. It signs in web pages only: the API's routes never read it.
/// </summary>
public static class WebSessionCookie
{
    public const string Name = "quire-session";
    private const string CookiePath = "/wiki";

    public static string? Read(HttpRequest request) => request.Cookies[Name];

    public static void Write(HttpContext context, string secret, DateTimeOffset expires) =>
        context.Response.Cookies.Append(Name, secret, Options(context, expires));

    public static void Delete(HttpContext context) =>
        context.Response.Cookies.Delete(Name, Options(context, null));

    private static CookieOptions Options(HttpContext context, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = context.Request.IsHttps,
        Path = CookiePath,
        Expires = expires,
        IsEssential = true,
    };
}
