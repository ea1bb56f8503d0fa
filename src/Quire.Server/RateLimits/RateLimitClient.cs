using System.Buffers.Binary;
using System.Net;
using Quire.Core.Security;

namespace Quire.Server.RateLimits;

/// <summary>
/// Whose per-user budget a request spends: a signed-in user's account, or for anonymous callers and
/// failed sign-ins the client address (IPv4 as is, also when mapped into IPv6; IPv6 by its /64, as
/// the sign-in throttle names addresses). The address is kept as a number, so keying costs nothing.
/// </summary>
public readonly record struct RateLimitClient(string? AccountId, UInt128 Address)
{
    public static RateLimitClient Of(Caller? caller, IPAddress? address) =>
        caller is { IsAnonymous: false } ? new(caller.User.AccountId, UInt128.Zero) : new(null, AddressKey(address));

    /// <summary>
    /// IPv4 (and IPv4 mapped into IPv6) as the mapped address, IPv6 by its first 64 bits; the two
    /// cannot meet, since a mapped address's first 64 bits are zero and its last are not. No address: zero.
    /// </summary>
    public static UInt128 AddressKey(IPAddress? address)
    {
        if (address is null) return UInt128.Zero;
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written)) return UInt128.Zero;
        if (written == 4) return new UInt128(0, 0xFFFF_0000_0000UL | BinaryPrimitives.ReadUInt32BigEndian(bytes));
        if (address.IsIPv4MappedToIPv6) return new UInt128(0, BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
        return new UInt128(BinaryPrimitives.ReadUInt64BigEndian(bytes), 0);
    }
}
