namespace Quire.Server.Web;

/// <summary>The web interface's own addresses, and which requests are a browser's rather than the API's.</summary>
public static class WebPaths
{
    /// <summary>Confluence's sign-in page; <see cref="DestinationParameter"/> says where to go after.</summary>
    public const string Login = "/wiki/login.action";
    public const string Logout = "/wiki/logout.action";
    public const string DestinationParameter = "os_destination";
    public const string Spaces = "/wiki/spaces";
    public const string Search = "/wiki/search";
    /// <summary>The static files (CSS, script), at Confluence's own prefix for them.</summary>
    public const string Static = "/wiki/s";
    public const string ErrorFormat = "/wiki/error/{0}";

    private static readonly string[] ApiPrefixes = ["/wiki/rest", "/wiki/api", "/wiki/download", Static];

    /// <summary>Whether a path can lead to a web page at all: under <c>/wiki</c>, and not the API's, downloads' or static files' (which never answer HTML).</summary>
    public static bool MayBePage(PathString path)
    {
        if (!path.StartsWithSegments("/wiki")) return false;
        foreach (var prefix in ApiPrefixes)
            if (path.StartsWithSegments(prefix)) return false;
        return true;
    }

    /// <summary>
    /// A request no route took that a browser made for a page under <c>/wiki</c> (it accepts HTML and is
    /// not under an API prefix): its 404 is an HTML page. Everything else keeps the API's JSON error.
    /// </summary>
    public static bool IsUnroutedBrowserRequest(HttpContext context)
    {
        if (context.GetEndpoint() is not null || !MayBePage(context.Request.Path)) return false;
        return context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The sign-in page's address that comes back to <paramref name="destination"/>.</summary>
    public static string LoginReturningTo(string destination) =>
        $"{Login}?{DestinationParameter}={Uri.EscapeDataString(destination)}";

    /// <summary>
    /// Where a sign-in may send the browser: only a path on this site (<c>/wiki/...</c>), never another
    /// host (<c>//evil</c>, <c>/\evil</c>, a scheme), so the sign-in page cannot be used as an open redirect.
    /// </summary>
    public static string SafeDestination(string? destination)
    {
        if (string.IsNullOrEmpty(destination) || !destination.StartsWith("/wiki", StringComparison.Ordinal)) return Spaces;
        if (destination.Contains('\\') || destination.Contains("//", StringComparison.Ordinal) || destination.Any(char.IsControl)) return Spaces;
        return destination;
    }
}
