using Quire.Core.Formats;
using Quire.Storage;
using Quire.Storage.Search;

namespace Quire.Core.Search;

/// <summary>
/// Keeps the body text of the full-text index: callers that write a body call
/// <see cref="IndexBodyAsync"/> in the same transaction, so content is findable as soon as the
/// write returns. Titles, labels and deletions follow through the database's triggers.
/// </summary>
public sealed class SearchIndexer(DbSession db, SearchIndexStore store)
{
    public Task IndexBodyAsync(long id, string bodyStorage, CancellationToken ct = default) =>
        SetTextAsync(id, StorageText.Extract(bodyStorage), ct);

    /// <summary>Indexes a body's text extracted already (<see cref="Content.DerivedBody"/>), before the transaction that writes it.</summary>
    public Task SetTextAsync(long id, string text, CancellationToken ct = default) => store.SetBodyAsync(id, text, ct);

    /// <summary>Indexes the extracted texts of many bodies in one statement (a bulk load).</summary>
    public Task SetTextsAsync(long[] ids, string[] texts, CancellationToken ct = default) => store.SetBodiesAsync(ids, texts, ct);

    /// <summary>
    /// Indexes the bodies of content that existed before the index (the migration could index
    /// only titles and labels), a batch per transaction; nothing to do after the first start.
    /// </summary>
    public async Task<int> BackfillAsync(CancellationToken ct = default)
    {
        var total = 0;
        while (true)
        {
            var done = await db.InTransactionAsync(async () =>
            {
                var batch = await store.UnindexedAsync(200, ct);
                foreach (var row in batch) await IndexBodyAsync(row.Id, row.BodyStorage, ct);
                return batch.Count;
            }, ct);
            total += done;
            if (done < 200) return total;
        }
    }
}
