using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Quire.Core.Security;

/// <summary>
/// Slow, salted hashes for passwords: ASP.NET Core Identity's PBKDF2 (HMAC-SHA512, 100,000
/// iterations). Sign-in caches successful checks, so the cost is paid once per credential, not
/// once per request. API tokens are random and need no slow hash (see <see cref="ApiTokenService"/>).
/// </summary>
public class CredentialHasher
{
    private static readonly PasswordHasher<object> Hasher = new();
    private static readonly object Subject = new();

    /// <summary>
    /// What a login without a password is checked against, so that a wrong answer for an unknown
    /// login costs the same verification as one for a known login (timing tells nothing).
    /// </summary>
    private static readonly Lazy<string> StandIn = new(() => Hasher.HashPassword(Subject, Convert.ToHexString(RandomNumberGenerator.GetBytes(32))));

    // Each verification occupies a core for tens of milliseconds; bounding how many run at once keeps a
    // flood of guesses from starving every other request of CPU: the guesses wait their turn instead.
    private readonly SemaphoreSlim _slots;

    /// <param name="concurrentChecks">How many verifications may run at once; 0 or less: half the processors, at least one.</param>
    public CredentialHasher(int concurrentChecks = 0)
    {
        var slots = concurrentChecks > 0 ? concurrentChecks : Math.Max(1, Environment.ProcessorCount / 2);
        _slots = new SemaphoreSlim(slots, slots);
    }

    public virtual string Hash(string secret) => Hasher.HashPassword(Subject, secret);

    /// <summary>The PBKDF2 verification alone, on the calling thread (no queueing).</summary>
    public bool Verify(string hash, string secret) =>
        Hasher.VerifyHashedPassword(Subject, hash, secret) != PasswordVerificationResult.Failed;

    /// <summary>
    /// Verifies <paramref name="secret"/> against <paramref name="hash"/>, waiting for a free slot
    /// first. A null hash (no such login, or no password) still costs one verification, against a
    /// stand-in, and never matches.
    /// </summary>
    public virtual async Task<bool> VerifyAsync(string? hash, string secret, CancellationToken ct = default)
    {
        await _slots.WaitAsync(ct);
        try
        {
            var matches = Verify(hash ?? StandIn.Value, secret);
            return hash is not null && matches;
        }
        finally
        {
            _slots.Release();
        }
    }
}
