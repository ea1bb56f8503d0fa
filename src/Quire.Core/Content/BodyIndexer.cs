using Quire.Core.Comments;
using Quire.Core.InlineTasks;
using Quire.Core.Search;

namespace Quire.Core.Content;

/// <summary>
/// What is derived from a body and kept in the transaction that writes it: the full-text
/// index's text (<see cref="SearchIndexer"/>), the inline tasks (<see cref="InlineTaskIndexer"/>)
/// and whether the inline comments on it still have their markers (<see cref="InlineCommentDangling"/>).
/// Every path that writes a body calls this once.
/// </summary>
public sealed class BodyIndexer(SearchIndexer search, InlineTaskIndexer tasks, InlineCommentDangling dangling)
{
    public async Task WrittenAsync(long contentId, string bodyStorage, long? authorId, long now, CancellationToken ct = default)
    {
        await search.IndexBodyAsync(contentId, bodyStorage, ct);
        await tasks.SyncAsync(contentId, bodyStorage, authorId, now, ct);
        await dangling.SyncAsync(contentId, bodyStorage, authorId, now, ct);
    }
}
