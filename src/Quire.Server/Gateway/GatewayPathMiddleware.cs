using Quire.Server.Http;
using Quire.Server.OAuth;

namespace Quire.Server.Gateway;

/// <summary>
/// The API gateway's paths, as OAuth 2.0 apps call Cloud through <c>api.atlassian.com</c>:
/// <c>/ex/confluence/{cloudId}/wiki/rest/api/...</c> (also without <c>/wiki</c>) and
/// <c>/ex/confluence/{cloudId}/wiki/api/v2/...</c> serve the site's own operations. The path is rewritten
/// before routing, so every endpoint, filter and scope check applies unchanged; a cloud id other than the
/// site's (<see cref="SiteIdentity"/>) answers 404. Links in answers keep naming the site's own address,
/// which a client can call with the same token.
/// </summary>
public sealed class GatewayPathMiddleware(RequestDelegate next)
{
    public const string Prefix = "/ex/confluence/";

    private static readonly (string Gateway, string Site)[] Bases =
    [
        ("/wiki/rest/api", "/wiki/rest/api"),
        ("/rest/api", "/wiki/rest/api"),
        ("/wiki/api/v2", "/wiki/api/v2"),
    ];

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        if (path is null || !path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            await next(context);
            return;
        }
        var rest = path.AsSpan(Prefix.Length);
        var slash = rest.IndexOf('/');
        var cloudId = (slash < 0 ? rest : rest[..slash]).ToString();
        var tail = slash < 0 ? "" : rest[slash..].ToString();
        var target = Rewrite(tail);
        // Resolved here, not as a parameter of InvokeAsync: that would build it (and its store) for every request.
        var site = context.RequestServices.GetRequiredService<SiteIdentity>();
        if (target is null || cloudId != await site.CloudIdAsync(context.RequestAborted))
        {
            await ErrorBody.WriteAsync(context, StatusCodes.Status404NotFound,
                target is null ? $"No API resource at {path}." : "No Confluence site with this cloud id is served here.");
            return;
        }
        context.Request.Path = target;
        await next(context);
    }

    /// <summary>The site path a gateway path's tail addresses, or null when it is none of the API bases.</summary>
    private static string? Rewrite(string tail)
    {
        foreach (var (gateway, siteBase) in Bases)
            if (tail == gateway || (tail.StartsWith(gateway, StringComparison.Ordinal) && tail[gateway.Length] == '/'))
                return siteBase + tail[gateway.Length..];
        return null;
    }
}
