using System.Security.Cryptography;
using Quire.Core.Security;
using Quire.Storage;
using Quire.Storage.ConnectApps;
using Quire.Storage.Users;

namespace Quire.Core.ConnectApps;

/// <summary>An OAuth 2.0 error of the token endpoint (RFC 6749 section 5.2): its code, description and status.</summary>
public sealed class ConnectTokenException(string error, string description, int status = 400) : Exception(description)
{
    public string Error { get; } = error;
    public int Status { get; } = status;
}

/// <summary>An access token issued to an app to act as a user, shown once.</summary>
public sealed record ConnectAccessToken(string Token, int ExpiresIn, IReadOnlySet<string> Scopes);

/// <summary>What a live impersonation token acts as.</summary>
public sealed record ConnectImpersonationGrant(ConnectAppRecord App, long UserId, IReadOnlySet<string> Scopes);

/// <summary>
/// Connect's user impersonation: an app declaring ACT_AS_USER posts a JWT bearer assertion
/// (RFC 7523: <c>grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer</c>) signed HS256 with its shared
/// secret, <c>iss</c> <c>urn:atlassian:connect:clientid:{oauthClientId}</c> and <c>sub</c>
/// <c>urn:atlassian:connect:useraccountid:{accountId}</c>, and gets a Bearer token acting as that user, with
/// the app's scopes (or fewer, asked for in <c>scope</c>). Tokens are random (<see cref="TokenPrefix"/> tells
/// them apart from other Bearer tokens); only their SHA-256 is stored; they end at expiry, when the app is
/// disabled or uninstalled, or when the user is removed.
/// </summary>
public sealed class ConnectImpersonation(DbSession db, ConnectAppStore apps, UserStore users, TimeProvider time)
{
    public const string GrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    public const string IssuerPrefix = "urn:atlassian:connect:clientid:";
    public const string SubjectPrefix = "urn:atlassian:connect:useraccountid:";
    /// <summary>The audience Atlassian's authorization server requires; Quire also takes its own origin.</summary>
    public const string AtlassianAudience = "https://oauth-2-authorization-server.services.atlassian.com";
    public const string TokenPrefix = "qci_";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    public async Task<ConnectAccessToken> IssueAsync(
        string? grantType, string? assertion, string? scope, IReadOnlyCollection<string> audiences, CancellationToken ct = default)
    {
        if (grantType != GrantType)
            throw new ConnectTokenException("unsupported_grant_type", $"grant_type must be {GrantType}.");
        if (string.IsNullOrEmpty(assertion)) throw new ConnectTokenException("invalid_request", "assertion is required.");
        var token = ConnectJwt.ReadUnverified(assertion) ?? throw new ConnectTokenException("invalid_grant", "The assertion is not a JWT.");
        var issuer = token.Issuer;
        if (issuer is null || !issuer.StartsWith(IssuerPrefix, StringComparison.Ordinal))
            throw new ConnectTokenException("invalid_grant", $"The assertion's iss must be {IssuerPrefix}<oauthClientId>.");
        var app = await apps.FindByOAuthClientIdAsync(issuer[IssuerPrefix.Length..], ct);
        if (app is null || !app.Enabled)
            throw new ConnectTokenException("invalid_client", "No enabled app has that oauthClientId.", 401);
        if (await ConnectJwt.ValidateAsync(assertion, app.SharedSecret, time.GetUtcNow()) is { } problem)
            throw new ConnectTokenException("invalid_grant", problem);
        if (!app.ScopeSet.Contains("ACT_AS_USER"))
            throw new ConnectTokenException("unauthorized_client", $"The app '{app.AppKey}' does not declare the ACT_AS_USER scope.");
        if (!token.Audiences.Any(audiences.Contains))
            throw new ConnectTokenException("invalid_grant", $"The assertion's aud must be {string.Join(" or ", audiences)}.");
        var subject = token.Subject;
        if (subject is null || !subject.StartsWith(SubjectPrefix, StringComparison.Ordinal))
            throw new ConnectTokenException("invalid_grant", $"The assertion's sub must be {SubjectPrefix}<accountId>.");
        var user = await users.FindByAccountIdAsync(subject[SubjectPrefix.Length..], ct);
        if (user is null || user.IsRemoved) throw new ConnectTokenException("invalid_grant", "No user of this site has that accountId.");

        var scopes = Scopes(app, scope);
        var text = TokenPrefix + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var expiresAt = time.GetUtcNow() + Lifetime;
        await db.InTransactionAsync(async () =>
        {
            await apps.DeleteExpiredAccessTokensAsync(time.NowMillis(), ct);
            await apps.InsertAccessTokenAsync(ApiTokenService.FastHash(text), new ConnectAccessTokenRecord
            {
                AppKey = app.AppKey, UserId = user.Id, Scopes = string.Join(' ', scopes.Order(StringComparer.Ordinal)),
                ExpiresAt = expiresAt.ToUnixTimeMilliseconds(),
            }, ct);
        }, ct);
        return new ConnectAccessToken(text, (int)Lifetime.TotalSeconds, scopes);
    }

    /// <summary>The grant of a live token, or null (unknown, expired, or its app disabled: the caller answers 401).</summary>
    public async Task<ConnectImpersonationGrant?> FindAsync(string token, CancellationToken ct = default)
    {
        var grant = await apps.FindAccessTokenAsync(ApiTokenService.FastHash(token), ct);
        if (grant is null || grant.ExpiresAt <= time.NowMillis()) return null;
        var app = await apps.FindAsync(grant.AppKey, ct);
        if (app is not { Enabled: true }) return null;
        return new ConnectImpersonationGrant(app, grant.UserId,
            grant.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The app's scopes, or the subset <paramref name="scope"/> asks for (space separated, any case); more than the app's is refused.</summary>
    private static HashSet<string> Scopes(ConnectAppRecord app, string? scope)
    {
        var held = app.ScopeSet;
        if (string.IsNullOrWhiteSpace(scope)) return [.. held];
        var asked = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => s.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        var beyond = asked.Where(s => !held.Contains(s)).ToList();
        if (beyond.Count > 0)
            throw new ConnectTokenException("invalid_scope", $"The app does not hold {string.Join(", ", beyond)}.");
        return asked;
    }
}
