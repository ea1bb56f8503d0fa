using Quire.Core.Errors;

namespace Quire.Server.Http;

/// <summary>
/// Confluence's XSRF protection for the calls whose spec asks for it (multipart uploads, adding
/// watches): a browser form cannot set this header, so its presence shows a deliberate API
/// call. Confluence documents both spellings. 403 without it.
/// </summary>
public static class Xsrf
{
    public static void Require(HttpRequest request, string calls)
    {
        var token = request.Headers["X-Atlassian-Token"].ToString().Trim();
        if (!token.Equals("no-check", StringComparison.OrdinalIgnoreCase) && !token.Equals("nocheck", StringComparison.OrdinalIgnoreCase))
            throw new ForbiddenException($"XSRF check failed: {calls} need the header 'X-Atlassian-Token: no-check'.");
    }
}
