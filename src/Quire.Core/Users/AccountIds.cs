using System.Security.Cryptography;

namespace Quire.Core.Users;

/// <summary>
/// Account ids are opaque and never change. They look like Confluence Cloud's classic
/// ones (24 lower-case hex digits) so that clients that check their shape accept them.
/// </summary>
public static class AccountIds
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
