using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Storage;
using Quire.Storage.OAuth;

namespace Quire.Core.OAuth;

/// <summary>An authorization request that passed the checks: the app, where to send the user back, and the scopes asked for.</summary>
public sealed record AuthorizationRequest(OAuthAppRecord App, string RedirectUri, IReadOnlyList<string> Scopes, string? State);

/// <summary>
/// An authorization request refused. <see cref="Redirectable"/> false: the client or the redirect URI cannot
/// be trusted, so the user sees an error page and is never sent anywhere (RFC 6749 4.1.2.1); true: the
/// user is sent back to the app with <c>error</c> (and <c>state</c>).
/// </summary>
public sealed class AuthorizationRefusedException(string error, string description, bool redirectable) : Exception(description)
{
    public string Error { get; } = error;
    public bool Redirectable { get; } = redirectable;
}

/// <summary>
/// The authorization server's side of <c>GET /authorize</c>: checks a request against the app's registration
/// (client id, an exactly registered redirect URI, <c>response_type=code</c>, scopes the app may ask for) and,
/// once the signed-in user accepts, records the user's grant and issues a single-use authorization code bound
/// to the app and the redirect URI.
/// </summary>
public sealed class OAuthAuthorizationService(DbSession db, OAuthAppStore apps, OAuthGrantStore grants, OAuthOptions options, TimeProvider time)
{
    private const string CodePrefix = "qoc_";
    private const int MaxScopeLength = 8000;

    public async Task<AuthorizationRequest> CheckAsync(
        string? clientId, string? redirectUri, string? scope, string? responseType, string? state, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(clientId) || clientId.Length > 100 || clientId.Contains('\0'))
            throw new AuthorizationRefusedException("invalid_request", "The request names no client_id.", redirectable: false);
        var app = await apps.FindAsync(clientId, ct)
                  ?? throw new AuthorizationRefusedException("invalid_client", "No app with this client_id is registered on this site.", redirectable: false);
        if (string.IsNullOrEmpty(redirectUri) || !app.CallbackUrlList.Contains(redirectUri, StringComparer.Ordinal))
            throw new AuthorizationRefusedException("invalid_request",
                "The redirect_uri is not one of the app's registered callback URLs.", redirectable: false);

        if (responseType != "code")
            throw new AuthorizationRefusedException("unsupported_response_type", "response_type must be 'code'.", redirectable: true);
        if (string.IsNullOrWhiteSpace(scope) || scope.Length > MaxScopeLength)
            throw new AuthorizationRefusedException("invalid_scope", "The request asks for no scope.", redirectable: true);
        var requested = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        var allowed = app.ScopeList;
        if (requested.FirstOrDefault(s => !allowed.Contains(s, StringComparer.Ordinal)) is { } refused)
            throw new AuthorizationRefusedException("invalid_scope",
                $"The app is not registered for the scope '{new string(refused.Take(100).Where(c => !char.IsControl(c)).ToArray())}'.", redirectable: true);
        return new AuthorizationRequest(app, redirectUri, requested, state);
    }

    /// <summary>The user accepts: records the grant and answers the authorization code (its text exists only here).</summary>
    public async Task<string> ApproveAsync(Caller caller, AuthorizationRequest request, CancellationToken ct = default)
    {
        if (caller.IsAnonymous) throw new NotAuthenticatedException("Sign in to authorize an app.");
        if (!caller.CanUse) throw new ForbiddenException("You do not have the global 'use' permission on this site.");
        var code = OAuthSecrets.New(CodePrefix);
        var now = time.NowMillis();
        var scopes = string.Join(' ', request.Scopes);
        await db.InTransactionAsync(async () =>
        {
            await grants.UpsertGrantAsync(request.App.Id, caller.UserId, scopes, now, ct);
            await grants.InsertCodeAsync(new OAuthCodeRecord
            {
                CodeHash = OAuthSecrets.Hash(code), AppId = request.App.Id, UserId = caller.UserId, RedirectUri = request.RedirectUri,
                Scopes = scopes, ExpiresAt = now + options.AuthorizationCodeSeconds * 1000L, CreatedAt = now,
            }, ct);
        }, ct);
        return code;
    }

    /// <summary><paramref name="redirectUri"/> with the answer's parameters added to its query.</summary>
    public static string RedirectWith(string redirectUri, params (string Name, string? Value)[] parameters)
    {
        var query = string.Join('&', parameters.Where(p => p.Value is not null)
            .Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value!)));
        return redirectUri + (redirectUri.Contains('?') ? "&" : "?") + query;
    }
}
