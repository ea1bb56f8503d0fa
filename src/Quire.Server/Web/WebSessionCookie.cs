namespace Quire.Server.Web;

/// <summary>
/// The session cookie: the session's random secret, HttpOnly (no script reads it), SameSite=Lax (sent
/// when a link from elsewhere is followed, never on another site's form post), Secure when the request
/// came over https or <c>Quire:BaseUrl</c> is https, and scoped to <c>/wiki</c>. It signs in web pages only: the API's routes never read it.
/// A second copy is scoped to the OAuth consent page (<c>/authorize</c>, outside <c>/wiki</c>, as Atlassian's is on its own
/// host), so a person already signed in consents there without typing a password again; both are written and deleted together.
/// </summary>
public static class WebSessionCookie
{
    public const string Name = "quire-session";
    private static readonly string[] CookiePaths = ["/wiki", Quire.Server.OAuth.AuthorizeEndpoints.Path];

    public static string? Read(HttpRequest request) => request.Cookies[Name];

    public static void Write(HttpContext context, string secret, DateTimeOffset expires)
    {
        foreach (var path in CookiePaths) context.Response.Cookies.Append(Name, secret, Options(context, expires, path));
    }

    public static void Delete(HttpContext context)
    {
        foreach (var path in CookiePaths) context.Response.Cookies.Delete(Name, Options(context, null, path));
    }

    /// <summary>Behind a TLS proxy the request arrives over http, yet browsers reach the site over https: <c>Quire:BaseUrl</c> says so.</summary>
    private static bool SiteIsHttps(HttpContext context) =>
        context.RequestServices.GetService<Microsoft.Extensions.Options.IOptions<Quire.Server.Hosting.QuireOptions>>()?.Value.BaseUrl is { } baseUrl
        && baseUrl.TrimStart().StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    private static CookieOptions Options(HttpContext context, DateTimeOffset? expires, string path) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = context.Request.IsHttps || SiteIsHttps(context),
        Path = path,
        Expires = expires,
        IsEssential = true,
    };
}
