using System.Security.Cryptography;
using Quire.Core.Security;

namespace Quire.Core.OAuth;

/// <summary>
/// The random strings OAuth hands out and how they are stored: 256 random bits, so a SHA-256 (as API tokens
/// use, <see cref="ApiTokenService.FastHash"/>) is as safe as a slow hash; only the hash is kept.
/// </summary>
public static class OAuthSecrets
{
    /// <summary>A prefix (so a leaked secret is recognisable in a scan) and 256 random bits in base64url.</summary>
    public static string New(string prefix) => prefix + ApiTokenService.Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>A client id: 32 letters and digits, as Atlassian's look.</summary>
    public static string NewClientId()
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return RandomNumberGenerator.GetString(alphabet, 32);
    }

    public static string Hash(string secret) => ApiTokenService.FastHash(secret);

    /// <summary>Whether <paramref name="presented"/> hashes to <paramref name="storedHash"/>, in constant time.</summary>
    public static bool Matches(string storedHash, string presented) =>
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(storedHash), System.Text.Encoding.ASCII.GetBytes(Hash(presented)));
}
