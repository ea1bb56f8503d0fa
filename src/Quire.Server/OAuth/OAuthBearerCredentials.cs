using Quire.Core.Apps;
using Quire.Core.OAuth;
using Quire.Core.Security;
using Quire.Server.Authentication;

namespace Quire.Server.OAuth;

/// <summary>
/// <c>Authorization: Bearer qoa_...</c>: an OAuth 2.0 access token the token endpoint issued. A live token
/// signs in the user who authorized the app, as that user's Basic sign-in would (groups, global grants; a
/// removed user signs nobody in), with <see cref="Caller.App"/> naming the app and the scopes granted, which
/// then narrow every operation (the scope check). Bearer tokens of another kind are left to their own scheme.
/// </summary>
public sealed class OAuthBearerCredentials : ICredentialScheme
{
    public string Scheme => "Bearer";

    /// <summary>RFC 6750's challenge for a token that does not hold.</summary>
    public string Challenge => "Bearer realm=\"Quire\", error=\"invalid_token\"";

    public async ValueTask<CredentialResult> AuthenticateAsync(string credential, HttpContext context)
    {
        if (!OAuthTokenService.LooksLikeAccessToken(credential)) return CredentialResult.NotMine;
        var tokens = context.RequestServices.GetRequiredService<OAuthTokenService>();
        var signIn = context.RequestServices.GetRequiredService<SignInService>();
        if (await tokens.AuthenticateAsync(credential, context.RequestAborted) is not { } token)
            return CredentialResult.Refused("The OAuth 2.0 access token is invalid, expired or revoked.");
        if (await signIn.CallerOfAsync(token.UserId, context.RequestAborted) is not { } user)
            return CredentialResult.Refused("The user who authorized this app is no longer a member of this site.");
        return CredentialResult.SignedIn(user.ThroughApp(new AppAccess(AppKind.OAuth, token.ClientId, token.ScopeList.ToHashSet(StringComparer.Ordinal))));
    }
}
