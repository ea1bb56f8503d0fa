using Microsoft.Extensions.Logging;
using Quire.Storage;
using Quire.Storage.Attachments;
using Quire.Storage.Blobs;

namespace Quire.Core.Attachments;

/// <summary>
/// Deletes the bytes of blobs no attachment version refers to any more. Purges name the
/// blobs they may have freed (found before the purge) and collect them right after it, so
/// bytes go with their last record; the start-up sweep catches what a crash left between.
/// </summary>
public sealed class BlobCollector(DbSession db, AttachmentStore attachments, IBlobStore store, BlobGate gate, ILogger<BlobCollector> logger)
{
    private const int Batch = 500;

    public async Task CollectAsync(IReadOnlyCollection<string> candidates, CancellationToken ct = default)
    {
        foreach (var batch in candidates.Distinct(StringComparer.Ordinal).Chunk(Batch))
        {
            await using var hold = await gate.HoldAsync(batch, ct);
            var deleted = await db.InTransactionAsync(async () =>
            {
                var gone = await attachments.DeleteUnreferencedBlobsAsync(batch, ct);
                if (store.DeletesInTransaction) await store.DeleteBytesAsync(gone, ct);
                return gone;
            }, ct);
            if (!store.DeletesInTransaction) await store.DeleteBytesAsync(deleted, ct);
        }
    }

    /// <summary>
    /// At start-up: removes interrupted uploads, bytes no <c>blobs</c> row lists (a crash
    /// between publishing and committing), and every blob no record refers to.
    /// </summary>
    public async Task SweepAsync(CancellationToken ct = default)
    {
        await store.SweepTemporaryAsync(ct);
        var orphans = 0;
        await foreach (var keys in store.EnumerateKeysAsync(Batch, ct))
        {
            var listed = (await attachments.ListedBlobKeysAsync(keys, ct)).ToHashSet(StringComparer.Ordinal);
            var unlisted = keys.Where(k => !listed.Contains(k)).ToList();
            if (unlisted.Count == 0) continue;
            await using var hold = await gate.HoldAsync(unlisted, ct);
            await store.DeleteBytesAsync(unlisted, ct);
            orphans += unlisted.Count;
        }
        var collected = 0;
        while (true)
        {
            var keys = await attachments.UnreferencedBlobKeysAsync(Batch, ct);
            if (keys.Count == 0) break;
            await CollectAsync(keys, ct);
            collected += keys.Count;
            if (keys.Count < Batch) break;
        }
        if (orphans + collected > 0)
            logger.LogInformation("Removed {Orphans} unlisted and {Collected} unreferenced attachment blobs", orphans, collected);
    }
}
