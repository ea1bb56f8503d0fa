using Quire.Storage.Spaces;
using Quire.Storage.Visibility;

namespace Quire.Storage.Restrictions;

/// <summary>One user or group named in a read or update restriction of a piece of content.</summary>
public sealed record RestrictionRecord
{
    public long Id { get; init; }
    public long ContentId { get; init; }
    public required string Operation { get; init; }
    public long? UserId { get; init; }
    public string? GroupId { get; init; }
}

/// <summary>
/// Rows of <c>content_restrictions</c>. The SQL condition that applies read restrictions (with
/// their inheritance, through <see cref="ReadGuardStore"/>) inside every content query is part of
/// <see cref="ReadRule"/>.
/// </summary>
public sealed class ContentRestrictionStore(DbSession db, ReadGuardStore guards)
{
    /// <summary>The restrictions of the given content, in one query, ordered for stable listings.</summary>
    public Task<IReadOnlyList<RestrictionRecord>> ForContentAsync(IReadOnlyCollection<long> contentIds, CancellationToken ct = default) =>
        contentIds.Count == 0
            ? Task.FromResult<IReadOnlyList<RestrictionRecord>>([])
            : db.QueryAsync<RestrictionRecord>(
                $"""
                SELECT id, content_id, operation, user_id, group_id FROM content_restrictions
                WHERE {db.InList("content_id", "ids")}
                ORDER BY content_id, operation, id
                """, new { ids = contentIds.ToArray() }, ct);

    /// <summary>Whether the viewer passes the read restrictions of the content and its ancestors.</summary>
    public Task<bool> PassesReadAsync(long contentId, Viewer viewer, CancellationToken ct = default)
    {
        var (read, parameters) = ReadRule.For(db.Dialect).For(viewer, new { contentId });
        return db.ExecuteScalarAsync<bool>(
            $"SELECT EXISTS (SELECT 1 FROM content c WHERE c.id = @contentId AND {read.Restrictions()})", parameters, ct);
    }

    /// <summary>Whether the viewer passes the restriction of this operation on the content itself (no restriction passes everyone).</summary>
    public Task<bool> PassesAsync(long contentId, string operation, Viewer viewer, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<bool>(
            $"""
            SELECT NOT EXISTS (SELECT 1 FROM content_restrictions WHERE content_id = @contentId AND operation = @operation)
                OR EXISTS (SELECT 1 FROM content_restrictions
                           WHERE content_id = @contentId AND operation = @operation
                             AND (user_id = @viewerId OR {db.InList("group_id", "viewerGroups")}))
            """, new { contentId, operation, viewerId = viewer.UserId, viewerGroups = viewer.GroupIds.ToArray() }, ct);

    /// <summary>
    /// Adds a user or group to a restriction; answers false when it was there already. A read
    /// restriction guards the content and everything below it.
    /// </summary>
    public async Task<bool> AddAsync(long contentId, string operation, long? userId, string? groupId, CancellationToken ct = default)
    {
        var added = await db.ExecuteAsync(
            """
            INSERT INTO content_restrictions (content_id, operation, user_id, group_id)
            VALUES (@contentId, @operation, @userId, @groupId)
            ON CONFLICT DO NOTHING
            """, new { contentId, operation, userId, groupId }, ct) > 0;
        if (added && operation == "read") await guards.GuardSubtreeAsync(contentId, ct);
        return added;
    }

    /// <summary>A copy of a page takes the original's restrictions (copyPermissions), guarding itself if they include read.</summary>
    public async Task CopyAsync(long fromId, long toId, CancellationToken ct = default)
    {
        await db.ExecuteAsync(
            """
            INSERT INTO content_restrictions (content_id, operation, user_id, group_id)
            SELECT @toId, operation, user_id, group_id FROM content_restrictions WHERE content_id = @fromId
            ON CONFLICT DO NOTHING
            """, new { fromId, toId }, ct);
        if (await db.ExecuteScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM content_restrictions WHERE content_id = @toId AND operation = 'read')", new { toId }, ct))
            await guards.GuardSubtreeAsync(toId, ct);
    }

    /// <summary>
    /// Removes entries of the content's restrictions: of one operation (or both), of one user or
    /// group (or all). A read restriction left empty stops guarding. Answers how many went.
    /// </summary>
    public async Task<int> RemoveAsync(
        long contentId, string? operation, long? userId = null, string? groupId = null, CancellationToken ct = default)
    {
        var where = new List<string> { "content_id = @contentId" };
        if (operation is not null) where.Add("operation = @operation");
        if (userId is not null) where.Add("user_id = @userId");
        if (groupId is not null) where.Add("group_id = @groupId");
        var removed = await db.ExecuteAsync(
            $"DELETE FROM content_restrictions WHERE {string.Join(" AND ", where)}", new { contentId, operation, userId, groupId }, ct);
        if (operation is null or "read" &&
            !await db.ExecuteScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM content_restrictions WHERE content_id = @contentId AND operation = 'read')", new { contentId }, ct))
            await guards.UnguardAsync(contentId, ct);
        return removed;
    }
}
