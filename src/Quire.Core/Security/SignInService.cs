using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Quire.Core.Groups;
using Quire.Core.Permissions;
using Quire.Storage.Users;

namespace Quire.Core.Security;

/// <summary>
/// Checks HTTP Basic credentials: an e-mail address or user name with an API token or a
/// password. The slow hash is checked once per credential; after that a cache entry,
/// keyed by a SHA-256 of the credential, names what was proven, and each request only
/// confirms with a cheap indexed read that it still holds (the token is not revoked,
/// the password not changed), in one query that also loads the user's groups.
/// </summary>
public sealed class SignInService(
    UserStore users, SignInSnapshotStore snapshots, ApiTokenService apiTokens, CredentialHasher hasher, IMemoryCache cache,
    GlobalPermissionService globalPermissions)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(10);

    private sealed record ProvenCredential(long UserId, string? TokenId, string? PasswordHash);

    public async Task<Caller?> SignInAsync(string login, string secret, CancellationToken ct = default)
    {
        if (login.Length == 0 || secret.Length == 0 || login.Length > 512 || secret.Length > 1024) return null;

        var cacheKey = CacheKey(login, secret);
        if (!cache.TryGetValue(cacheKey, out ProvenCredential? proven) || proven is null)
        {
            var user = await users.FindByLoginAsync(login, ct);
            if (user is null) return null;
            proven = await ProveAsync(user, secret, ct);
            if (proven is null) return null;
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
            return null;
        }

        var groups = snapshot!.Groups;
        var isAdmin = groups.Any(g => g.Name.Equals(DefaultGroups.Administrators, StringComparison.OrdinalIgnoreCase));
        var groupIds = groups.Select(g => g.Id).ToHashSet();
        // The global grants come from memory (GlobalPermissionCache), so this costs no query.
        var grants = await globalPermissions.CurrentAsync(ct);
        var canUse = isAdmin || grants.Allows(GlobalPermission.Use, snapshot.User.Id, groupIds);
        return new Caller(snapshot.User, groupIds, isAdmin, canUse, anonymousGrantsApply: grants.AnonymousUse);
    }

    private async Task<ProvenCredential?> ProveAsync(UserRecord user, string secret, CancellationToken ct)
    {
        var token = await apiTokens.VerifyAsync(user.Id, secret, ct);
        if (token is not null)
            return new ProvenCredential(user.Id, token.TokenId, null);
        if (user.PasswordHash is not null && hasher.Verify(user.PasswordHash, secret))
            return new ProvenCredential(user.Id, null, user.PasswordHash);
        return null;
    }

    private static string CacheKey(string login, string secret) =>
        "signin:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(login.ToLowerInvariant() + "\0" + secret)));
}
