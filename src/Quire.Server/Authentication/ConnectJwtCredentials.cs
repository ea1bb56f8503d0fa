using Microsoft.AspNetCore.Http.Features;
using Quire.Core.Apps;
using Quire.Core.ConnectApps;
using Quire.Core.Security;
using Quire.Server.Http;

namespace Quire.Server.Authentication;

/// <summary>
/// A Connect app's JWT (<c>Authorization: JWT ...</c>, or <c>?jwt=</c> for URLs a browser opens), checked
/// by <see cref="ConnectRequestAuthenticator"/> against the request as it arrived (its raw path and query,
/// which the qsh was computed from). The request acts as the app's own user, narrowed by its descriptor's scopes.
/// </summary>
public sealed class ConnectJwtCredentials : ICredentialScheme
{
    public string Scheme => "JWT";

    public string? QueryParameter => "jwt";

    public async ValueTask<CredentialResult> AuthenticateAsync(string credential, HttpContext context)
    {
        var (path, query) = RawTarget(context);
        var authenticator = context.RequestServices.GetRequiredService<ConnectRequestAuthenticator>();
        var signIn = context.RequestServices.GetRequiredService<SignInService>();
        var result = await authenticator.AuthenticateAsync(credential, context.Request.Method, path, ApiLinks.Context, query, context.RequestAborted);
        if (result.App is not { } app) return CredentialResult.Refused(result.Failure!);
        return await signIn.CallerOfAsync(app.UserId, context.RequestAborted) is { } caller
            ? CredentialResult.SignedIn(caller.ThroughApp(new AppAccess(AppKind.Connect, app.AppKey, app.ScopeSet)))
            : CredentialResult.Refused($"The user of the app '{app.AppKey}' was removed from the site.");
    }

    /// <summary>The path and query as the client sent them (still percent-encoded), as the qsh was computed.</summary>
    private static (string Path, string? Query) RawTarget(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/')
            return ((context.Request.PathBase + context.Request.Path).ToUriComponent(), context.Request.QueryString.Value);
        var question = raw.IndexOf('?');
        return question < 0 ? (raw, null) : (raw[..question], raw[(question + 1)..]);
    }
}

/// <summary>
/// The Bearer tokens Connect's user impersonation issues (<see cref="ConnectImpersonation.TokenPrefix"/>); other
/// Bearer tokens are not this scheme's (OAuth's). The request acts as the user, narrowed by the token's scopes.
/// </summary>
public sealed class ConnectBearerCredentials : ICredentialScheme
{
    public string Scheme => "Bearer";

    public async ValueTask<CredentialResult> AuthenticateAsync(string credential, HttpContext context)
    {
        if (!credential.StartsWith(ConnectImpersonation.TokenPrefix, StringComparison.Ordinal)) return CredentialResult.NotMine;
        var impersonation = context.RequestServices.GetRequiredService<ConnectImpersonation>();
        var signIn = context.RequestServices.GetRequiredService<SignInService>();
        if (await impersonation.FindAsync(credential, context.RequestAborted) is not { } grant)
            return CredentialResult.Refused("The access token is unknown, expired, or its app is disabled or uninstalled.");
        return await signIn.CallerOfAsync(grant.UserId, context.RequestAborted) is { } caller
            ? CredentialResult.SignedIn(caller.ThroughApp(new AppAccess(AppKind.Connect, grant.App.AppKey, grant.Scopes)))
            : CredentialResult.Refused("The user this token acts as was removed from the site.");
    }
}
