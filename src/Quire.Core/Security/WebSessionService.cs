using System.Security.Cryptography;
using System.Text;
using Quire.Storage.Web;

namespace Quire.Core.Security;

/// <summary>A started browser session: the secret for the cookie (shown once, never stored) and when it ends.</summary>
public sealed record StartedWebSession(string Secret, DateTimeOffset ExpiresAt);

/// <summary>How long a web session signs its user in (<c>Quire:Web:SessionLifetimeHours</c>); signing in again starts a new one.</summary>
public sealed record WebSessionOptions(TimeSpan Lifetime)
{
    /// <summary>Seven days, as before the lifetime was configurable.</summary>
    public static readonly WebSessionOptions Default = new(TimeSpan.FromDays(7));
}

/// <summary>
/// The web interface's sessions. A session's secret is 256 random bits, so (like an API token) it needs
/// no slow hash: the table keeps its SHA-256 and a lookup is one indexed read. The caller a session
/// names comes from <see cref="SignInService.CallerOfAsync(long, CancellationToken)"/>, the same as an
/// OAuth token's, so a page sees exactly what the API would show that user; a removed user has no caller.
/// </summary>
public sealed class WebSessionService(WebSessionStore sessions, SignInService signIn, TimeProvider time, WebSessionOptions options)
{

    /// <summary>Longest cookie value accepted: a longer one is no session of ours and is not even hashed.</summary>
    private const int MaxSecretLength = 128;

    public async Task<StartedWebSession> StartAsync(long userId, CancellationToken ct = default)
    {
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var expires = now + options.Lifetime;
        await sessions.DeleteExpiredAsync(now.ToUnixTimeMilliseconds(), ct);
        await sessions.InsertAsync(new WebSessionRecord(HashOf(secret), userId, now.ToUnixTimeMilliseconds(), expires.ToUnixTimeMilliseconds()), ct);
        return new StartedWebSession(secret, expires);
    }

    /// <summary>
    /// The caller the session signs in, or null when the secret names no live session (expired ones included: the row's
    /// end, fixed when it started, is checked against the clock) or its user is gone.
    /// </summary>
    public async Task<Caller?> CallerOfAsync(string? secret, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > MaxSecretLength) return null;
        var session = await sessions.FindLiveAsync(HashOf(secret), time.NowMillis(), ct);
        return session is null ? null : await signIn.CallerOfAsync(session.UserId, ct);
    }

    /// <summary>Ends the session (sign-out); a secret that names none changes nothing.</summary>
    public async Task EndAsync(string? secret, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > MaxSecretLength) return;
        await sessions.DeleteAsync(HashOf(secret), ct);
    }

    private static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
