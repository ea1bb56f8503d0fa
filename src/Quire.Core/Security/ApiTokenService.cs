using System.Security.Cryptography;
using Quire.Core.Errors;
using Quire.Storage.Users;

namespace Quire.Core.Security;

/// <summary>An API token as its owner sees it once, on creation: the only time the secret is readable.</summary>
public sealed record IssuedApiToken(ApiTokenRecord Record, string Token);

/// <summary>
/// API tokens: <c>qt_&lt;id&gt;_&lt;secret&gt;</c>. The id part lets sign-in find the one row to
/// check; only a hash of the token is stored. The secret is 256 random bits, so a fast hash
/// (SHA-256, compared in constant time) is as safe as a slow one and keeps a token check cheap
/// even for a wrong token: nobody can guess or brute-force such a secret. Tokens stored before
/// that have a PBKDF2 hash, which cannot be turned into SHA-256 without the token: such a hash is
/// checked slowly once and replaced by the fast one on its first successful use.
/// </summary>
public sealed class ApiTokenService(ApiTokenStore tokens, Quire.Storage.Web.WebSessionStore webSessions, CredentialHasher hasher, TimeProvider time)
{
    /// <summary>Marks a fast hash; PBKDF2 hashes (Identity's base64) never contain a colon.</summary>
    private const string FastHashPrefix = "sha256:";

    public const int MaxLabelLength = 255;
    private const string Prefix = "qt_";

    public async Task<IssuedApiToken> CreateAsync(long userId, string? label, CancellationToken ct = default)
    {
        var name = string.IsNullOrWhiteSpace(label) ? "API token" : label.Trim();
        if (name.Length > MaxLabelLength)
            throw new BadRequestException($"label must be at most {MaxLabelLength} characters.");
        if (name.Any(char.IsControl))
            throw new BadRequestException("label must not contain control characters.");

        var tokenId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return await CreateWithSecretAsync(userId, name, tokenId, secret, ct);
    }

    /// <summary>
    /// Stores a token whose full text the operator chose (the bootstrap admin token).
    /// Such a token need not follow the <c>qt_</c> shape, so its id is derived from its text.
    /// </summary>
    public async Task<IssuedApiToken> ImportAsync(long userId, string label, string token, CancellationToken ct = default)
    {
        var tokenId = TryParse(token, out var id, out _) ? id : DerivedId(token);
        var record = new ApiTokenRecord
        {
            TokenId = tokenId, UserId = userId, Label = label, SecretHash = FastHash(token), CreatedAt = time.NowMillis(),
        };
        await tokens.InsertAsync(record, ct);
        return new IssuedApiToken(record, token);
    }

    public Task<IReadOnlyList<ApiTokenRecord>> ListAsync(long userId, CancellationToken ct = default) =>
        tokens.ListForUserAsync(userId, ct);

    /// <summary>
    /// Revokes the token, and signs its user out of the web interface everywhere: a browser session
    /// may have been started with this token, and sessions do not record which credential began them.
    /// </summary>
    public async Task RevokeAsync(long userId, string tokenId, CancellationToken ct = default)
    {
        if (!await tokens.DeleteAsync(tokenId, userId, ct))
            throw new NotFoundException($"No API token with id '{tokenId}' was found.");
        await webSessions.DeleteForUserAsync(userId, ct);
    }

    /// <summary>
    /// Finds and checks a presented token; null when it is not a live token of that user. The row is
    /// looked up even for an unknown login (<paramref name="userId"/> null), so both cost the same.
    /// Without <paramref name="allowSlowHash"/> (a throttled sign-in) a token whose stored hash is
    /// still PBKDF2 is not checked.
    /// </summary>
    public async Task<ApiTokenRecord?> VerifyAsync(long? userId, string presented, bool allowSlowHash = true, CancellationToken ct = default)
    {
        var tokenId = TryParse(presented, out var id, out _) ? id : DerivedId(presented);
        var record = await tokens.FindAsync(tokenId, ct);
        if (record is null || record.UserId != userId) return null;
        if (record.SecretHash.StartsWith(FastHashPrefix, StringComparison.Ordinal))
            return CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(record.SecretHash), System.Text.Encoding.ASCII.GetBytes(FastHash(presented))) ? record : null;

        if (!allowSlowHash || !await hasher.VerifyAsync(record.SecretHash, presented, ct)) return null;
        // A token from before fast hashes: now that it has been shown, store its fast hash.
        await tokens.ReplaceHashAsync(record.TokenId, record.SecretHash, FastHash(presented), ct);
        return record;
    }

    private async Task<IssuedApiToken> CreateWithSecretAsync(long userId, string label, string tokenId, string secret, CancellationToken ct)
    {
        var token = $"{Prefix}{tokenId}_{secret}";
        var record = new ApiTokenRecord
        {
            TokenId = tokenId, UserId = userId, Label = label, SecretHash = FastHash(token), CreatedAt = time.NowMillis(),
        };
        await tokens.InsertAsync(record, ct);
        return new IssuedApiToken(record, token);
    }

    /// <summary>The stored form of a token: SHA-256 of its whole text.</summary>
    public static string FastHash(string token) =>
        FastHashPrefix + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    private static bool TryParse(string token, out string tokenId, out string secret)
    {
        tokenId = secret = "";
        if (!token.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var rest = token.AsSpan(Prefix.Length);
        var separator = rest.IndexOf('_');
        if (separator != 16) return false;
        tokenId = rest[..separator].ToString();
        secret = rest[(separator + 1)..].ToString();
        return secret.Length > 0;
    }

    private static string DerivedId(string token) =>
        "x" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)))[..15];

    internal static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
