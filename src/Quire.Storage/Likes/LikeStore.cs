namespace Quire.Storage.Likes;

/// <summary>One like: who (internal id and account id) and when, the position of a keyset walk over a content's likers.</summary>
public sealed record LikeRecord(long UserId, string AccountId, long CreatedAt);

/// <summary>
/// Rows of <c>likes</c>: one per user and liked content. Adding is idempotent (the primary key
/// and <c>ON CONFLICT DO NOTHING</c> settle concurrent likes) and removing a like that is not
/// there changes nothing. Likers are listed oldest like first, keyset by (created_at, user_id),
/// so a walk is stable while others like or unlike meanwhile. Who may see the content is the
/// caller's concern (<c>ContentAccess</c>), checked before any of these run.
/// </summary>
public sealed class LikeStore(DbSession db)
{
    /// <summary>Adds the like; answers false when the user liked the content already.</summary>
    public async Task<bool> AddAsync(long contentId, long userId, long createdAt, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            "INSERT INTO likes (content_id, user_id, created_at) VALUES (@contentId, @userId, @createdAt) ON CONFLICT DO NOTHING",
            new { contentId, userId, createdAt }, ct) > 0;

    /// <summary>Removes the like; answers false when there was none.</summary>
    public async Task<bool> RemoveAsync(long contentId, long userId, CancellationToken ct = default) =>
        await db.ExecuteAsync("DELETE FROM likes WHERE content_id = @contentId AND user_id = @userId", new { contentId, userId }, ct) > 0;

    public Task<long> CountAsync(long contentId, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM likes WHERE content_id = @contentId", new { contentId }, ct);

    /// <summary>
    /// Up to <paramref name="count"/> likers of the content after <paramref name="after"/> (a previous
    /// page's last like; null: from the first), oldest like first, ties broken by user id.
    /// </summary>
    public Task<IReadOnlyList<LikeRecord>> LikersAfterAsync(
        long contentId, (long CreatedAt, long UserId)? after, int count, CancellationToken ct = default) =>
        db.QueryAsync<LikeRecord>(
            $"""
            SELECT l.user_id AS UserId, u.account_id AS AccountId, l.created_at AS CreatedAt
            FROM likes l JOIN users u ON u.id = l.user_id
            WHERE l.content_id = @contentId
              {(after is null ? "" : "AND (l.created_at, l.user_id) > (@afterCreatedAt, @afterUserId)")}
            ORDER BY l.created_at, l.user_id
            LIMIT @count
            """,
            new { contentId, afterCreatedAt = after?.CreatedAt ?? 0, afterUserId = after?.UserId ?? 0, count }, ct);
}
