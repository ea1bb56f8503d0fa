using Microsoft.AspNetCore.Identity;

namespace Quire.Core.Security;

/// <summary>
/// Slow, salted hashes for passwords and API token secrets: ASP.NET Core Identity's
/// PBKDF2 (HMAC-SHA512, 100,000 iterations). Sign-in caches successful checks, so the
/// cost is paid once per credential, not once per request.
/// </summary>
public sealed class CredentialHasher
{
    private static readonly PasswordHasher<object> Hasher = new();
    private static readonly object Subject = new();

    public string Hash(string secret) => Hasher.HashPassword(Subject, secret);

    public bool Verify(string hash, string secret) =>
        Hasher.VerifyHashedPassword(Subject, hash, secret) != PasswordVerificationResult.Failed;
}
