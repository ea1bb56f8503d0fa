namespace Quire.Server.RateLimits;

/// <summary>
/// The paths the budgets and injected 429s apply to: the API (v1, v2, and Atlassian's gateway paths
/// <c>/ex/confluence/{cloudId}/...</c>, which the gateway middleware may already have rewritten to
/// the site's), the OAuth token and revocation endpoints (with accessible-resources) and <c>/me</c>.
/// Health (<c>/status</c>) and pages for people (the consent page) are never limited.
/// </summary>
public static class RateLimitedPaths
{
    private static readonly PathString[] Prefixes =
        [new("/wiki/rest/api"), new("/wiki/api/v2"), new("/ex/confluence"), new("/oauth/token"), new("/oauth/revoke"), new("/me")];

    public static bool Contains(PathString path)
    {
        foreach (var prefix in Prefixes)
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
