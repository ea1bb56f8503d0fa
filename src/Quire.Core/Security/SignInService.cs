using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Quire.Core.Groups;
using Quire.Storage.Groups;
using Quire.Storage.Users;

namespace Quire.Core.Security;

/// <summary>
/// Checks HTTP Basic credentials: an e-mail address or user name with an API token or a
/// password. The slow hash is checked once per credential; after that a cache entry,
/// keyed by a SHA-256 of the credential, names what was proven, and each request only
/// confirms with a cheap indexed read that it still holds (the token is not revoked,
/// the password not changed).
/// </summary>
public sealed class SignInService(
    UserStore users, ApiTokenStore tokens, GroupStore groups, ApiTokenService apiTokens,
    CredentialHasher hasher, IMemoryCache cache)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(10);

    private sealed record ProvenCredential(long UserId, string? TokenId, string? PasswordHash);

    public async Task<Caller?> SignInAsync(string login, string secret, CancellationToken ct = default)
    {
        if (login.Length == 0 || secret.Length == 0 || login.Length > 512 || secret.Length > 1024) return null;

        var cacheKey = CacheKey(login, secret);
        UserRecord? user;
        if (cache.TryGetValue(cacheKey, out ProvenCredential? proven) && proven is not null)
        {
            user = await users.FindByIdAsync(proven.UserId, ct);
            var stillValid = user is not null && (proven.TokenId is not null
                ? await tokens.ExistsAsync(proven.TokenId, user.Id, ct)
                : user.PasswordHash == proven.PasswordHash);
            if (!stillValid)
            {
                cache.Remove(cacheKey);
                return null;
            }
        }
        else
        {
            user = await users.FindByLoginAsync(login, ct);
            if (user is null) return null;
            proven = await ProveAsync(user, secret, ct);
            if (proven is null) return null;
            cache.Set(cacheKey, proven, CacheFor);
        }

        return await CallerForAsync(user!, ct);
    }

    /// <summary>Loads what a request needs to know about a user: its groups, and whether it is a site admin.</summary>
    public async Task<Caller> CallerForAsync(UserRecord user, CancellationToken ct = default)
    {
        var memberships = await groups.ListForUserAsync(user.Id, 0, int.MaxValue, ct);
        var isAdmin = memberships.Any(g => g.Name.Equals(DefaultGroups.Administrators, StringComparison.OrdinalIgnoreCase));
        return new Caller(user, memberships.Select(g => g.Id).ToHashSet(), isAdmin);
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
