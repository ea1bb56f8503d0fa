namespace Quire.Storage.Comments;

/// <summary>An inline comment's resolution as last set: <c>resolved</c> or <c>reopened</c>, by whom and when.</summary>
public sealed record CommentResolutionRecord(long ContentId, string Status, long? ModifiedBy, long ModifiedAt);

/// <summary>
/// Rows of <c>comment_resolutions</c>: an inline comment has one once it has been resolved or reopened
/// (without one it is open). Reads take a page of comments at once, so a listing costs one query.
/// </summary>
public sealed class CommentResolutionStore(DbSession db)
{
    public const string Resolved = "resolved";
    public const string Reopened = "reopened";

    /// <summary>Records the resolution (one row per comment, replaced by the next change).</summary>
    public Task SetAsync(long contentId, string status, long userId, long at, CancellationToken ct = default) =>
        db.ExecuteAsync(
            """
            INSERT INTO comment_resolutions (content_id, status, modified_by, modified_at) VALUES (@contentId, @status, @userId, @at)
            ON CONFLICT (content_id) DO UPDATE SET status = excluded.status, modified_by = excluded.modified_by, modified_at = excluded.modified_at
            """, new { contentId, status, userId, at }, ct);

    public Task<IReadOnlyList<CommentResolutionRecord>> ForManyAsync(IReadOnlyCollection<long> contentIds, CancellationToken ct = default) =>
        contentIds.Count == 0
            ? Task.FromResult<IReadOnlyList<CommentResolutionRecord>>([])
            : db.QueryAsync<CommentResolutionRecord>(
                $"""
                SELECT content_id AS ContentId, status AS Status, modified_by AS ModifiedBy, modified_at AS ModifiedAt
                FROM comment_resolutions WHERE {db.InList("content_id", "ids")}
                """, new { ids = contentIds.ToArray() }, ct);
}
