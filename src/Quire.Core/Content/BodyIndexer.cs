using Quire.Core.Comments;
using Quire.Core.InlineTasks;
using Quire.Core.Search;

namespace Quire.Core.Content;

/// <summary>
/// What is derived from a body and kept in the transaction that writes it: the full-text
/// index's text (<see cref="SearchIndexer"/>), the inline tasks (<see cref="InlineTaskIndexer"/>)
/// and whether the inline comments on it still have their markers (<see cref="InlineCommentDangling"/>).
/// Every path that writes a body calls this once; those that know the body before their transaction
/// derive it there (<see cref="DerivedBody.From"/>) and hand it in.
/// </summary>
public sealed class BodyIndexer(SearchIndexer search, InlineTaskIndexer tasks, InlineCommentDangling dangling)
{
    public Task WrittenAsync(long contentId, string bodyStorage, long? authorId, long now, CancellationToken ct = default) =>
        WrittenAsync(contentId, DerivedBody.From(bodyStorage), authorId, now, ct);

    /// <summary>The body of existing content changed: its search text, its tasks against those kept, its inline comments' markers.</summary>
    public async Task WrittenAsync(long contentId, DerivedBody body, long? authorId, long now, CancellationToken ct = default)
    {
        await search.SetTextAsync(contentId, body.SearchText, ct);
        await tasks.SyncAsync(contentId, body.Tasks, authorId, now, ct);
        await dangling.SyncAsync(contentId, body.Storage, authorId, now, ct);
    }

    /// <summary>
    /// The body of content inserted in this transaction with its search text (<see cref="Storage.Content.ContentStore.TryInsertAsync(Storage.Content.ContentRecord, string, CancellationToken)"/>
    /// writes that with the row): no task and no comment can be kept for it yet (ids are never reused), so its tasks are only
    /// added and there are no comments' markers to look for, two queries fewer.
    /// </summary>
    public Task InsertedAsync(long contentId, DerivedBody body, long? authorId, long now, CancellationToken ct = default) =>
        tasks.AddAsync(contentId, body.Tasks, authorId, now, ct);

    /// <summary>
    /// <see cref="InsertedAsync"/>, the search texts too, for many pieces of content inserted in
    /// this transaction (a bulk load): their search texts in one statement, then the tasks of those that have any.
    /// </summary>
    public async Task CreatedAsync(long[] contentIds, IReadOnlyList<DerivedBody> bodies, long? authorId, long[] now, CancellationToken ct = default)
    {
        await search.SetTextsAsync(contentIds, bodies.Select(b => b.SearchText).ToArray(), ct);
        for (var i = 0; i < contentIds.Length; i++)
            if (bodies[i].Tasks.Count > 0) await tasks.AddAsync(contentIds[i], bodies[i].Tasks, authorId, now[i], ct);
    }
}
