using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Quire.Core.Groups;
using Quire.Core.Permissions;
using Quire.Storage.Users;

namespace Quire.Core.Security;

/// <summary>What a sign-in came to: the caller, or a refusal, or (throttled) how long to wait before trying again.</summary>
public sealed record SignInResult(Caller? Caller, TimeSpan? RetryAfter = null)
{
    public static readonly SignInResult Failed = new((Caller?)null);
}

/// <summary>
/// Checks HTTP Basic credentials: an e-mail address or user name with an API token or a
/// password. The slow hash is checked once per credential; after that a cache entry,
/// keyed by a SHA-256 of the credential, names what was proven, and each request only
/// confirms with a cheap indexed read that it still holds (the token is not revoked,
/// the password not changed), in one query that also loads the user's groups.
/// Failed sign-ins are counted per login and per client address (<see cref="SignInThrottle"/>);
/// while either is over its limit, passwords are not checked at all (not even a right one, which
/// would tell a guesser it was right), and only API tokens, which cannot be guessed, still sign in.
/// </summary>
public sealed class SignInService(
    UserStore users, SignInSnapshotStore snapshots, Deferred<ApiTokenService> apiTokens, CredentialHasher hasher, IMemoryCache cache,
    GlobalPermissionService globalPermissions, SignInThrottle throttle)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(10);

    private sealed record ProvenCredential(long UserId, string? TokenId, string? PasswordHash);

    /// <param name="clientAddress">The client's address as the throttle keys it; null when unknown (no per-address limit).</param>
    public async Task<SignInResult> SignInAsync(string login, string secret, string? clientAddress, CancellationToken ct = default)
    {
        if (login.Length == 0 || secret.Length == 0 || login.Length > 512 || secret.Length > 1024) return SignInResult.Failed;

        var cacheKey = CacheKey(login, secret);
        cache.TryGetValue(cacheKey, out ProvenCredential? proven);
        // A token proven before passes at once; a cached password must not, or a throttled guesser
        // would learn from a 200 that a guess was right.
        if (proven?.TokenId is null && throttle.RetryAfter(login, clientAddress) is { } wait)
        {
            proven = await ProveAsync(login, secret, tokensOnly: true, ct);
            if (proven is null) return new SignInResult(null, wait);
            cache.Set(cacheKey, proven, CacheFor);
        }
        else if (proven is null)
        {
            proven = await ProveAsync(login, secret, tokensOnly: false, ct);
            if (proven is null)
            {
                throttle.Failed(login, clientAddress);
                return SignInResult.Failed;
            }
            throttle.Succeeded(login);
            cache.Set(cacheKey, proven, CacheFor);
        }

        // Every request confirms that what was proven still holds: the user exists, the
        // token was not revoked, the password was not changed.
        var snapshot = await snapshots.LoadAsync(proven.UserId, proven.TokenId, ct);
        var stillValid = snapshot is not null && (proven.TokenId is not null
            ? snapshot.TokenIsLive
            : snapshot.User.PasswordHash == proven.PasswordHash);
        if (!stillValid)
        {
            cache.Remove(cacheKey);
            return SignInResult.Failed;
        }

        return new SignInResult(await CallerOfAsync(snapshot!, ct));
    }

    /// <summary>
    /// The caller a user is, with their groups and global grants, for a credential proven some other
    /// way (an OAuth access token, a Connect app's JWT); null for a removed or unknown user. As cheap
    /// as a Basic sign-in's confirmation: the snapshot is cached until the user or their groups change.
    /// </summary>
    public async Task<Caller?> CallerOfAsync(long userId, CancellationToken ct = default) =>
        await snapshots.LoadAsync(userId, null, ct) is { } snapshot ? await CallerOfAsync(snapshot, ct) : null;

    private async Task<Caller> CallerOfAsync(SignInSnapshot snapshot, CancellationToken ct)
    {
        // The global grants come from memory (GlobalPermissionCache), so this costs no query.
        var grants = await globalPermissions.CurrentAsync(ct);
        if (Callers.TryGetValue(snapshot, out var known) && ReferenceEquals(known.Grants, grants)) return known.Caller;

        var groups = snapshot.Groups;
        var isAdmin = groups.Any(g => g.Name.Equals(DefaultGroups.Administrators, StringComparison.OrdinalIgnoreCase));
        var groupIds = groups.Select(g => g.Id).ToHashSet();
        var canUse = isAdmin || grants.Allows(GlobalPermission.Use, snapshot.User.Id, groupIds);
        var caller = new Caller(snapshot.User, groupIds, isAdmin, canUse, anonymousGrantsApply: grants.AnonymousUse);
        Callers.AddOrUpdate(snapshot, new CallerOfSnapshot(grants, caller));
        return caller;
    }

    /// <summary>
    /// The caller each cached sign-in snapshot made under the grants it was made with. Both are immutable and held by
    /// their caches until something changes them (a changed user, group or grant is a new instance), and a
    /// <see cref="Caller"/> is immutable too, so a request after the first reuses it rather than building its group set
    /// again. Keyed weakly: a snapshot its cache drops takes its caller with it.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SignInSnapshot, CallerOfSnapshot> Callers = new();

    private sealed record CallerOfSnapshot(GlobalGrants Grants, Caller Caller);

    /// <summary>
    /// Checks the secret as an API token, then as the password. An unknown login goes through the
    /// same steps (the token lookup, one PBKDF2 verification against a stand-in hash), so a wrong
    /// answer costs the same whether or not the login exists and timing does not tell which exist.
    /// </summary>
    private async Task<ProvenCredential?> ProveAsync(string login, string secret, bool tokensOnly, CancellationToken ct)
    {
        var user = await users.FindByLoginAsync(login, ct);
        var token = await apiTokens.Value.VerifyAsync(user?.Id, secret, allowSlowHash: !tokensOnly, ct);
        if (token is not null)
            return new ProvenCredential(token.UserId, token.TokenId, null);
        if (tokensOnly) return null;
        return await hasher.VerifyAsync(user?.PasswordHash, secret, ct)
            ? new ProvenCredential(user!.Id, null, user.PasswordHash)
            : null;
    }

    private static string CacheKey(string login, string secret) =>
        "signin:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(login.ToLowerInvariant() + "\0" + secret)));
}
