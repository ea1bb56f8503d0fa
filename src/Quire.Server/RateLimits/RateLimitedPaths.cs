namespace Quire.Server.RateLimits;

/// <summary>
/// The paths the budgets and injected 429s apply to: every path but a short list. Everything a client or
/// an app can call counts (v1, v2, the gateway paths, the OAuth and impersonation token endpoints,
/// Dynamic modules, downloads, the app installation API...), so no route lets an app or a user step
/// around its budget. Health (<c>/status</c>) and the page for people (<c>/authorize</c>, whose sign-in
/// the sign-in throttle guards) are never limited.
/// </summary>
public static class RateLimitedPaths
{
    private static readonly PathString[] Exempt = [new("/status"), new("/authorize")];

    public static bool Contains(PathString path)
    {
        foreach (var exempt in Exempt)
            if (path.StartsWithSegments(exempt, StringComparison.OrdinalIgnoreCase)) return false;
        return true;
    }
}
