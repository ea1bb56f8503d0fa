namespace Quire.Storage.Blobs;

/// <summary>
/// Blobs in PostgreSQL, in 1 MiB rows of <c>blob_chunks</c>, so every server node reaches
/// them. An upload's chunks are written under a temporary key as they arrive (each insert
/// commits on its own, so nothing holds a whole file); publishing renames them to the
/// blob's key in the transaction that records the attachment, so a crash leaves at most
/// unnamed chunks, which the start-up sweep removes.
/// </summary>
public sealed class DatabaseBlobStore(DbSession db, TimeProvider time) : IBlobStore
{
    public const int ChunkSize = 1024 * 1024;
    private const string TemporaryPrefix = "tmp-";
    /// <summary>Another node may still be uploading under a young temporary key; only old ones are left over.</summary>
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(24);

    public bool DeletesInTransaction => true;

    public async Task<ReceivedBlob> ReceiveAsync(Stream content, long maxBytes, CancellationToken ct = default)
    {
        var temporary = $"{TemporaryPrefix}{time.GetUtcNow().ToUnixTimeMilliseconds():D13}-{Guid.NewGuid():N}";
        // Full chunks reuse one buffer; only the last, shorter one needs an array of its own.
        var chunk = new byte[ChunkSize];
        var filled = 0;
        var seq = 0;
        try
        {
            var (key, size) = await HashingCopy.CopyAsync(content, maxBytes, async piece =>
            {
                while (piece.Length > 0)
                {
                    var take = Math.Min(piece.Length, ChunkSize - filled);
                    piece[..take].CopyTo(chunk.AsMemory(filled));
                    filled += take;
                    piece = piece[take..];
                    if (filled == ChunkSize)
                    {
                        await InsertChunkAsync(temporary, seq++, chunk, ct);
                        filled = 0;
                    }
                }
            }, ct);
            if (filled > 0) await InsertChunkAsync(temporary, seq, chunk[..filled], ct);
            return new ReceivedBlob(key, size, temporary);
        }
        catch
        {
            await db.ExecuteAsync("DELETE FROM blob_chunks WHERE blob_key = @temporary", new { temporary }, CancellationToken.None);
            throw;
        }
    }

    private Task InsertChunkAsync(string key, int seq, byte[] data, CancellationToken ct) =>
        db.ExecuteAsync("INSERT INTO blob_chunks (blob_key, seq, data) VALUES (@key, @seq, @data)", new { key, seq, data }, ct);

    public async Task PublishAsync(ReceivedBlob blob, long now, CancellationToken ct = default)
    {
        // DO UPDATE (not DO NOTHING) locks an existing row until this transaction ends, so a
        // concurrent collection cannot delete the blob between this check and the attachment's insert.
        var inserted = await db.ExecuteScalarAsync<bool>(
            """
            INSERT INTO blobs (key, size, created_at) VALUES (@Key, @Size, @now)
            ON CONFLICT (key) DO UPDATE SET size = EXCLUDED.size
            RETURNING (xmax = 0)
            """, new { blob.Key, blob.Size, now }, ct);
        if (inserted)
            await db.ExecuteAsync("UPDATE blob_chunks SET blob_key = @Key WHERE blob_key = @TemporaryName", blob, ct);
        else
            await db.ExecuteAsync("DELETE FROM blob_chunks WHERE blob_key = @TemporaryName", blob, ct);
    }

    // The rename happened in the failed transaction, so its rollback already took it back.
    public Task RevertPublishAsync(ReceivedBlob blob, CancellationToken ct = default) => Task.CompletedTask;

    public Task DiscardAsync(ReceivedBlob blob) =>
        db.ExecuteAsync("DELETE FROM blob_chunks WHERE blob_key = @TemporaryName", blob, CancellationToken.None);

    public async Task<Stream?> OpenReadAsync(string key, long size, CancellationToken ct = default) =>
        await db.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM blob_chunks WHERE blob_key = @key)", new { key }, ct) || size == 0
            ? new ChunkedBlobStream(db, key, size)
            : null;

    public Task DeleteBytesAsync(IReadOnlyCollection<string> keys, CancellationToken ct = default) =>
        keys.Count == 0
            ? Task.CompletedTask
            : db.ExecuteAsync("DELETE FROM blob_chunks WHERE blob_key = ANY(@keys)", new { keys = keys.ToArray() }, ct);

    /// <summary>Chunks get their blob's key in the recording transaction, so named chunks always have a row unless a purge left them.</summary>
    public async IAsyncEnumerable<IReadOnlyList<string>> EnumerateKeysAsync(
        int batchSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var after = "";
        while (true)
        {
            var keys = await db.QueryAsync<string>(
                """
                SELECT DISTINCT blob_key FROM blob_chunks
                WHERE blob_key > @after AND blob_key NOT LIKE 'tmp-%' ORDER BY blob_key LIMIT @batchSize
                """, new { after, batchSize }, ct);
            if (keys.Count == 0) yield break;
            yield return keys;
            after = keys[^1];
        }
    }

    public Task SweepTemporaryAsync(CancellationToken ct = default)
    {
        // Temporary keys sort by their creation time, so "older than" is a key range.
        var cutoff = $"{TemporaryPrefix}{(time.GetUtcNow() - AbandonedAfter).ToUnixTimeMilliseconds():D13}";
        return db.ExecuteAsync(
            "DELETE FROM blob_chunks WHERE blob_key LIKE 'tmp-%' AND blob_key < @cutoff", new { cutoff }, ct);
    }

    /// <summary>A read-only, seekable view of a blob's chunks that fetches one chunk at a time.</summary>
    private sealed class ChunkedBlobStream(DbSession db, string key, long size) : Stream
    {
        private byte[] _chunk = [];
        private int _chunkSeq = -1;
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => size;

        public override long Position
        {
            get => _position;
            set => _position = value is >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            if (_position >= size || buffer.Length == 0) return 0;
            var seq = (int)(_position / ChunkSize);
            if (seq != _chunkSeq)
            {
                _chunk = await db.ExecuteScalarAsync<byte[]>(
                    "SELECT data FROM blob_chunks WHERE blob_key = @key AND seq = @seq", new { key, seq }, ct)
                    ?? throw new IOException($"Blob {key} is missing chunk {seq}.");
                _chunkSeq = seq;
            }
            var offset = (int)(_position - (long)seq * ChunkSize);
            var count = Math.Min(buffer.Length, _chunk.Length - offset);
            _chunk.AsMemory(offset, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        public override int Read(byte[] buffer, int offset, int count) =>
            ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => size + offset,
        };

        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
