namespace Quire.Storage.Blobs;

/// <summary>
/// Blobs as files under <c>{root}/ab/cd/abcd...</c>. An upload is written to
/// <c>{root}/tmp</c>, flushed to disk, and renamed into place when its record is written: a
/// rename is atomic, so a blob file is either whole or absent. For one server node (the
/// embedded default); several nodes need the database store or a shared object store.
/// </summary>
public sealed class FileBlobStore(string root, DbSession db) : IBlobStore
{
    private string TempDirectory => Path.Combine(root, "tmp");

    public bool DeletesInTransaction => false;

    public async Task<ReceivedBlob> ReceiveAsync(Stream content, long maxBytes, CancellationToken ct = default)
    {
        Directory.CreateDirectory(TempDirectory);
        var temporary = Path.Combine(TempDirectory, Guid.NewGuid().ToString("N"));
        try
        {
            (string Key, long Size) received;
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None,
                             HashingCopy.BufferSize, FileOptions.Asynchronous))
            {
                received = await HashingCopy.CopyAsync(content, maxBytes, chunk => file.WriteAsync(chunk, ct).AsTask(), ct);
                file.Flush(flushToDisk: true);
            }
            return new ReceivedBlob(received.Key, received.Size, temporary);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public async Task PublishAsync(ReceivedBlob blob, long now, CancellationToken ct = default)
    {
        var target = PathOf(blob.Key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        // Same bytes, same name: whichever copy lands last is identical to the first.
        File.Move(blob.TemporaryName, target, overwrite: true);
        // The upsert locks an existing row (on PostgreSQL) until the recording transaction ends.
        await db.ExecuteAsync(
            "INSERT INTO blobs (key, size, created_at) VALUES (@Key, @Size, @now) ON CONFLICT (key) DO UPDATE SET size = excluded.size",
            new { blob.Key, blob.Size, now }, ct);
    }

    public async Task RevertPublishAsync(ReceivedBlob blob, CancellationToken ct = default)
    {
        var listed = await db.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM blobs WHERE key = @Key)", blob, ct);
        if (!listed) File.Delete(PathOf(blob.Key));
    }

    public Task DiscardAsync(ReceivedBlob blob)
    {
        File.Delete(blob.TemporaryName);
        return Task.CompletedTask;
    }

    public Task<Stream?> OpenReadAsync(string key, long size, CancellationToken ct = default)
    {
        var path = PathOf(key);
        Stream? stream = File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, HashingCopy.BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan)
            : null;
        return Task.FromResult(stream);
    }

    public Task DeleteBytesAsync(IReadOnlyCollection<string> keys, CancellationToken ct = default)
    {
        foreach (var key in keys) File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<IReadOnlyList<string>> EnumerateKeysAsync(
        int batchSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        if (!Directory.Exists(root)) yield break;
        var batch = new List<string>(batchSize);
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(file);
            // Only files where a blob of that name belongs; anything else here is not the store's.
            if (!IsKey(name) || file != PathOf(name)) continue;
            batch.Add(name);
            if (batch.Count == batchSize)
            {
                yield return batch;
                batch = new List<string>(batchSize);
            }
        }
        if (batch.Count > 0) yield return batch;
        await Task.CompletedTask;
    }

    public Task SweepTemporaryAsync(CancellationToken ct = default)
    {
        if (Directory.Exists(TempDirectory))
            foreach (var file in Directory.EnumerateFiles(TempDirectory))
                File.Delete(file);
        return Task.CompletedTask;
    }

    /// <summary>Keys are hex hashes (checked), so a key can never name a path outside the store.</summary>
    private string PathOf(string key)
    {
        if (!IsKey(key)) throw new ArgumentException($"'{key}' is not a blob key.", nameof(key));
        return Path.Combine(root, key[..2], key[2..4], key);
    }

    private static bool IsKey(string name) => name.Length == 64 && name.All(char.IsAsciiHexDigitLower);
}
