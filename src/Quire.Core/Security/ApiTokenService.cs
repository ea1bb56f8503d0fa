using System.Security.Cryptography;
using Quire.Core.Errors;
using Quire.Storage.Users;

namespace Quire.Core.Security;

/// <summary>An API token as its owner sees it once, on creation: the only time the secret is readable.</summary>
public sealed record IssuedApiToken(ApiTokenRecord Record, string Token);

/// <summary>
/// API tokens: <c>qt_&lt;id&gt;_&lt;secret&gt;</c>. The id part lets sign-in find the one row to
/// check; only a slow hash of the secret is stored.
/// </summary>
public sealed class ApiTokenService(ApiTokenStore tokens, CredentialHasher hasher, TimeProvider time)
{
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
            TokenId = tokenId, UserId = userId, Label = label, SecretHash = hasher.Hash(token), CreatedAt = time.NowMillis(),
        };
        await tokens.InsertAsync(record, ct);
        return new IssuedApiToken(record, token);
    }

    public Task<IReadOnlyList<ApiTokenRecord>> ListAsync(long userId, CancellationToken ct = default) =>
        tokens.ListForUserAsync(userId, ct);

    public async Task RevokeAsync(long userId, string tokenId, CancellationToken ct = default)
    {
        if (!await tokens.DeleteAsync(tokenId, userId, ct))
            throw new NotFoundException($"No API token with id '{tokenId}' was found.");
    }

    /// <summary>Finds and checks a presented token; null when it is not a live token of that user.</summary>
    public async Task<ApiTokenRecord?> VerifyAsync(long userId, string presented, CancellationToken ct = default)
    {
        var tokenId = TryParse(presented, out var id, out _) ? id : DerivedId(presented);
        var record = await tokens.FindAsync(tokenId, ct);
        if (record is null || record.UserId != userId) return null;
        return hasher.Verify(record.SecretHash, presented) ? record : null;
    }

    private async Task<IssuedApiToken> CreateWithSecretAsync(long userId, string label, string tokenId, string secret, CancellationToken ct)
    {
        var token = $"{Prefix}{tokenId}_{secret}";
        var record = new ApiTokenRecord
        {
            TokenId = tokenId, UserId = userId, Label = label, SecretHash = hasher.Hash(token), CreatedAt = time.NowMillis(),
        };
        await tokens.InsertAsync(record, ct);
        return new IssuedApiToken(record, token);
    }

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

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
