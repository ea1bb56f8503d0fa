using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Storage;
using Quire.Storage.OAuth;

namespace Quire.Core.OAuth;

/// <summary>What the token endpoint answers: the access token, its life in seconds, a refresh token (with <c>offline_access</c>) and the scopes.</summary>
public sealed record IssuedOAuthTokens(string AccessToken, int ExpiresIn, string? RefreshToken, string Scope);

/// <summary>
/// The token endpoint's grants and the checks of what it issued. An authorization code is exchanged once, by
/// the app it was issued to, with the redirect URI it was issued for; presented again, it revokes what it was
/// exchanged for (RFC 6749 4.1.2). Refresh tokens rotate: each use answers a new one and retires the old;
/// a retired one presented again revokes its whole family, since either the app or a thief holds a copy
/// (RFC 6819 5.2.2.3, as Atlassian's rotating refresh tokens do), unless it comes within a short grace period
/// of its rotation (<see cref="OAuthOptions.RefreshReuseGraceSeconds"/>): then it is only refused. Every token is 256 random bits, stored as a
/// SHA-256 only, so checking one is a single indexed read with no cache to outlive a revocation.
/// </summary>
public sealed class OAuthTokenService(DbSession db, OAuthAppStore apps, OAuthGrantStore grants, OAuthOptions options, TimeProvider time)
{
    private const string AccessPrefix = "qoa_";
    private const string RefreshPrefix = "qor_";
    private const int MaxPresentedLength = 512;

    public async Task<IssuedOAuthTokens> ExchangeCodeAsync(
        string? clientId, string? clientSecret, string? code, string? redirectUri, CancellationToken ct = default)
    {
        var app = await ClientAsync(clientId, clientSecret, ct);
        if (string.IsNullOrEmpty(code)) throw OAuthException.InvalidRequest("code is required.");
        if (string.IsNullOrEmpty(redirectUri)) throw OAuthException.InvalidRequest("redirect_uri is required.");
        var invalid = OAuthException.InvalidGrant("Invalid authorization code");
        if (code.Length > MaxPresentedLength) throw invalid;

        var codeHash = OAuthSecrets.Hash(code);
        var found = await grants.FindCodeAsync(codeHash, ct);
        var now = time.NowMillis();
        if (found is null || found.AppId != app.Id || found.ExpiresAt <= now) throw invalid;
        if (found.FamilyId is { } exchanged)
        {
            await grants.DeleteFamilyAsync(exchanged, ct);
            throw OAuthException.InvalidGrant("The authorization code was already used: the tokens issued for it are revoked.");
        }
        if (!string.Equals(found.RedirectUri, redirectUri, StringComparison.Ordinal))
            throw OAuthException.InvalidGrant("redirect_uri does not match the one the authorization code was issued for.");

        var familyId = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var issued = await db.InTransactionAsync(async () =>
        {
            if (!await grants.ClaimCodeAsync(codeHash, familyId, ct)) return null;
            await grants.InsertFamilyAsync(familyId, app.Id, found.UserId, found.Scopes, now + Days(options.RefreshFamilyDays), now, ct);
            return await IssueAsync(familyId, found.Scopes, now, now + Days(options.RefreshFamilyDays), ct);
        }, ct);
        // Claimed by a concurrent exchange of the same code: the same reuse, answered the same way.
        if (issued is null)
        {
            if ((await grants.FindCodeAsync(codeHash, ct))?.FamilyId is { } other) await grants.DeleteFamilyAsync(other, ct);
            throw OAuthException.InvalidGrant("The authorization code was already used: the tokens issued for it are revoked.");
        }
        await grants.PruneExpiredAsync(now, ct);
        return issued;
    }

    public async Task<IssuedOAuthTokens> RefreshAsync(string? clientId, string? clientSecret, string? refreshToken, CancellationToken ct = default)
    {
        var app = await ClientAsync(clientId, clientSecret, ct);
        if (string.IsNullOrEmpty(refreshToken)) throw OAuthException.InvalidRequest("refresh_token is required.");
        var invalid = OAuthException.InvalidGrant("Unknown or invalid refresh token.");
        if (refreshToken.Length > MaxPresentedLength) throw invalid;

        var hash = OAuthSecrets.Hash(refreshToken);
        var token = await grants.FindTokenAsync(hash, ct);
        var now = time.NowMillis();
        if (token is null || token.Kind != OAuthTokenKinds.Refresh || token.AppId != app.Id) throw invalid;
        if (token.ExpiresAt <= now || token.FamilyExpiresAt <= now) throw invalid;
        if (token.RotatedAt is { } rotatedAt) throw await RefusedReuseAsync(token.FamilyId, rotatedAt, now, ct);

        var issued = await db.InTransactionAsync(async () =>
            await grants.RotateAsync(hash, now, ct) ? await IssueAsync(token.FamilyId, token.Scopes, now, token.FamilyExpiresAt, ct) : null, ct);
        // Rotated by a concurrent refresh of the same token: a reuse, answered by the same rule.
        if (issued is null) throw await RefusedReuseAsync(token.FamilyId, (await grants.FindTokenAsync(hash, ct))?.RotatedAt ?? now, now, ct);
        await grants.PruneExpiredAsync(now, ct);
        return issued;
    }

    /// <summary>
    /// The refusal of a spent refresh token. Within <see cref="OAuthOptions.RefreshReuseGraceSeconds"/> of its rotation the
    /// family is kept (a retry after a lost response, two workers at once); after it, the family is revoked.
    /// </summary>
    private async Task<OAuthException> RefusedReuseAsync(string familyId, long rotatedAt, long now, CancellationToken ct)
    {
        if (now - rotatedAt > options.RefreshReuseGraceSeconds * 1000L) await grants.DeleteFamilyAsync(familyId, ct);
        return OAuthException.InvalidGrant("Unknown or invalid refresh token.");
    }

    /// <summary>
    /// RFC 7009: the app revokes one of its tokens. A refresh token takes its whole family (every token of the
    /// authorization) with it; an access token goes alone. Unknown tokens, or another app's, change nothing and
    /// are not an error, as the RFC asks.
    /// </summary>
    public async Task RevokeAsync(string? clientId, string? clientSecret, string? token, CancellationToken ct = default)
    {
        var app = await ClientAsync(clientId, clientSecret, ct);
        if (string.IsNullOrEmpty(token)) throw OAuthException.InvalidRequest("token is required.");
        if (token.Length > MaxPresentedLength) return;
        var hash = OAuthSecrets.Hash(token);
        if (await grants.FindTokenAsync(hash, ct) is not { } found || found.AppId != app.Id) return;
        if (found.Kind == OAuthTokenKinds.Refresh) await grants.DeleteFamilyAsync(found.FamilyId, ct);
        else await grants.DeleteTokenAsync(hash, ct);
    }

    /// <summary>Whether a Bearer credential is of the kind this service issues (other Bearer tokens belong to other schemes).</summary>
    public static bool LooksLikeAccessToken(string credential) => credential.StartsWith(AccessPrefix, StringComparison.Ordinal);

    /// <summary>The live access token presented as a Bearer credential; null when it is unknown, revoked or expired.</summary>
    public async Task<OAuthTokenRecord?> AuthenticateAsync(string accessToken, CancellationToken ct = default)
    {
        if (accessToken.Length is 0 or > MaxPresentedLength || !LooksLikeAccessToken(accessToken)) return null;
        var token = await grants.FindTokenAsync(OAuthSecrets.Hash(accessToken), ct);
        var now = time.NowMillis();
        return token is { Kind: OAuthTokenKinds.Access } && token.ExpiresAt > now && token.FamilyExpiresAt > now ? token : null;
    }

    private async Task<IssuedOAuthTokens> IssueAsync(string familyId, string scopes, long now, long familyEnd, CancellationToken ct)
    {
        var access = OAuthSecrets.New(AccessPrefix);
        await grants.InsertTokenAsync(OAuthSecrets.Hash(access), familyId, OAuthTokenKinds.Access, now + options.AccessTokenSeconds * 1000L, now, ct);
        string? refresh = null;
        if (scopes.Split(' ').Contains(OAuthScopeCatalog.OfflineAccess))
        {
            refresh = OAuthSecrets.New(RefreshPrefix);
            await grants.InsertTokenAsync(OAuthSecrets.Hash(refresh), familyId, OAuthTokenKinds.Refresh,
                Math.Min(now + Days(options.RefreshTokenDays), familyEnd), now, ct);
        }
        return new IssuedOAuthTokens(access, options.AccessTokenSeconds, refresh, scopes);
    }

    /// <summary>The app, if the client id and secret match one; the secret's hash is compared in constant time.</summary>
    private async Task<OAuthAppRecord> ClientAsync(string? clientId, string? clientSecret, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(clientSecret))
            throw OAuthException.InvalidRequest("client_id and client_secret are required.");
        if (clientId.Length > 100 || clientSecret.Length > MaxPresentedLength || clientId.Contains('\0')) throw OAuthException.BadClient();
        var app = await apps.FindAsync(clientId, ct);
        return app is not null && OAuthSecrets.Matches(app.SecretHash, clientSecret) ? app : throw OAuthException.BadClient();
    }

    private static long Days(int days) => days * 86_400_000L;
}
