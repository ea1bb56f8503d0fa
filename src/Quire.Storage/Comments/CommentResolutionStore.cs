namespace Quire.Storage.Comments;

/// <summary>An inline comment's resolution as last set: <c>resolved</c>, <c>reopened</c> or <c>dangling</c>, by whom and when.</summary>
public sealed record CommentResolutionRecord(long ContentId, string Status, long? ModifiedBy, long ModifiedAt);

/// <summary>A top-level inline comment of a page, with the inline properties that name its marker and its resolution (null: open).</summary>
public sealed record InlineCommentMarkerRecord(long Id, string? InlineProperties, string? Status);

/// <summary>
/// Rows of <c>comment_resolutions</c>: an inline comment has one once it has been resolved or reopened, or once an edit of
/// its page removed its marker (dangling); without one it is open. Reads take a page of comments at once, so a listing costs
/// one query, and a page edit marks or clears its comments' dangling state in one statement each.
/// </summary>
public sealed class CommentResolutionStore(DbSession db)
{
    public const string Resolved = "resolved";
    public const string Reopened = "reopened";
    public const string Dangling = "dangling";

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

    /// <summary>The current top-level inline comments on a page or blog post, whose markers its body should hold.</summary>
    public Task<IReadOnlyList<InlineCommentMarkerRecord>> TopLevelInlineOfAsync(long containerId, CancellationToken ct = default) =>
        db.QueryAsync<InlineCommentMarkerRecord>(
            """
            SELECT c.id AS Id, c.inline_properties AS InlineProperties, cr.status AS Status
            FROM content c LEFT JOIN comment_resolutions cr ON cr.content_id = c.id
            WHERE c.container_id = @containerId AND c.type = 'comment' AND c.status = 'current'
              AND c.comment_location = 'inline' AND c.parent_id IS NULL
            """, new { containerId }, ct);

    /// <summary>These comments' markers are gone from their page: they are dangling, set by the edit's author.</summary>
    public Task MarkDanglingAsync(IReadOnlyCollection<long> ids, long? userId, long at, CancellationToken ct = default) =>
        ids.Count == 0
            ? Task.CompletedTask
            : db.ExecuteAsync(
                $"""
                INSERT INTO comment_resolutions (content_id, status, modified_by, modified_at)
                SELECT c.id, @dangling, @userId, @at FROM content c WHERE {db.InList("c.id", "ids")}
                ON CONFLICT (content_id) DO UPDATE SET status = excluded.status, modified_by = excluded.modified_by, modified_at = excluded.modified_at
                """, new { ids = ids.ToArray(), dangling = Dangling, userId, at }, ct);

    /// <summary>These dangling comments' markers are back (a version restored): they are open again.</summary>
    public Task ClearDanglingAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default) =>
        ids.Count == 0
            ? Task.CompletedTask
            : db.ExecuteAsync(
                $"DELETE FROM comment_resolutions WHERE {db.InList("content_id", "ids")} AND status = @dangling",
                new { ids = ids.ToArray(), dangling = Dangling }, ct);
}
