using System.Buffers;
using System.Security.Cryptography;

namespace Quire.Storage.Blobs;

/// <summary>Copies a stream in pooled chunks while hashing it, stopping once it exceeds a size limit.</summary>
internal static class HashingCopy
{
    public const int BufferSize = 128 * 1024;

    /// <summary>Reads <paramref name="source"/> to its end, handing each chunk to <paramref name="sink"/>; answers the SHA-256 (hex) and size.</summary>
    public static async Task<(string Key, long Size)> CopyAsync(
        Stream source, long maxBytes, Func<ReadOnlyMemory<byte>, Task> sink, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long size = 0;
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, BufferSize), ct)) > 0)
            {
                size += read;
                if (size > maxBytes) throw new BlobTooLargeException(maxBytes);
                hash.AppendData(buffer, 0, read);
                await sink(buffer.AsMemory(0, read));
            }
            return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
