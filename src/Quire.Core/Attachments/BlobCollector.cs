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
    private const int SweepBatch = 500;

    public async Task CollectAsync(IReadOnlyCollection<string> candidates, CancellationToken ct = default)
    {
        foreach (var key in candidates.Distinct(StringComparer.Ordinal))
        {
            await using var hold = await gate.HoldAsync([key], ct);
            var deleted = await db.InTransactionAsync(async () =>
            {
                if (!await attachments.DeleteBlobIfUnreferencedAsync(key, ct)) return false;
                if (store.DeletesInTransaction) await store.DeleteBytesAsync(key, ct);
                return true;
            }, ct);
            if (deleted && !store.DeletesInTransaction) await store.DeleteBytesAsync(key, ct);
        }
    }

    /// <summary>Removes interrupted uploads and every unreferenced blob (at start-up).</summary>
    public async Task SweepAsync(CancellationToken ct = default)
    {
        await store.SweepTemporaryAsync(ct);
        var collected = 0;
        while (true)
        {
            var keys = await attachments.UnreferencedBlobKeysAsync(SweepBatch, ct);
            if (keys.Count == 0) break;
            await CollectAsync(keys, ct);
            collected += keys.Count;
            // A key still listed after collection is referenced again; stop rather than loop on it.
            if (keys.Count < SweepBatch) break;
        }
        if (collected > 0) logger.LogInformation("Collected {Count} unreferenced attachment blobs", collected);
    }
}
