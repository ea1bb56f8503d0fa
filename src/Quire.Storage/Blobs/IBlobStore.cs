namespace Quire.Storage.Blobs;

/// <summary>Bytes received from a client and held aside until the write that records them commits.</summary>
/// <param name="Key">The SHA-256 of the bytes, lower-case hex: the name the blob is stored under.</param>
/// <param name="Size">How many bytes there are.</param>
/// <param name="TemporaryName">Where the store holds them meanwhile.</param>
public sealed record ReceivedBlob(string Key, long Size, string TemporaryName);

/// <summary>Thrown when a stream carries more bytes than the caller allowed; nothing of it is kept.</summary>
public sealed class BlobTooLargeException(long limit) : Exception($"The content is larger than {limit} bytes.")
{
    public long Limit { get; } = limit;
}

/// <summary>
/// Where attachment bytes live, content-addressed by SHA-256. Bytes always stream: nothing
/// holds a whole file in memory. A blob becomes visible in two steps, so that a crash never
/// leaves a record pointing at half a file: <see cref="ReceiveAsync"/> streams the bytes to a
/// temporary place, then <see cref="PublishAsync"/>, inside the transaction that records the
/// attachment, makes them the blob's and lists the blob in <c>blobs</c>.
/// </summary>
public interface IBlobStore
{
    /// <summary>Streams <paramref name="content"/> aside, hashing it; more than <paramref name="maxBytes"/> throws <see cref="BlobTooLargeException"/>.</summary>
    Task<ReceivedBlob> ReceiveAsync(Stream content, long maxBytes, CancellationToken ct = default);

    /// <summary>Makes received bytes the blob named by their hash and lists it in <c>blobs</c>; call inside the recording transaction.</summary>
    Task PublishAsync(ReceivedBlob blob, long now, CancellationToken ct = default);

    /// <summary>
    /// Takes back a publish whose transaction failed: bytes moved into place that no
    /// <c>blobs</c> row lists are removed. (Transactional stores are rolled back already.)
    /// </summary>
    Task RevertPublishAsync(ReceivedBlob blob, CancellationToken ct = default);

    /// <summary>Drops received bytes that will not be recorded (a refused or failed upload).</summary>
    Task DiscardAsync(ReceivedBlob blob);

    /// <summary>A seekable stream over the blob's bytes, or null when the store has no such blob.</summary>
    Task<Stream?> OpenReadAsync(string key, long size, CancellationToken ct = default);

    /// <summary>
    /// Whether <see cref="DeleteBytesAsync"/> belongs inside the transaction that drops the
    /// blob's row (bytes in the database) or after it commits (bytes elsewhere).
    /// </summary>
    bool DeletesInTransaction { get; }

    /// <summary>Deletes the bytes of the given blobs.</summary>
    Task DeleteBytesAsync(IReadOnlyCollection<string> keys, CancellationToken ct = default);

    /// <summary>Every blob key the store holds bytes for, in batches (for the start-up sweep).</summary>
    IAsyncEnumerable<IReadOnlyList<string>> EnumerateKeysAsync(int batchSize, CancellationToken ct = default);

    /// <summary>Removes what interrupted uploads left behind (run at start-up).</summary>
    Task SweepTemporaryAsync(CancellationToken ct = default);
}
