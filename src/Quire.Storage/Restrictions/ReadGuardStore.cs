namespace Quire.Storage.Restrictions;

/// <summary>
/// Keeps <c>content_read_guards</c> true: for each piece of content, the ancestors-or-self
/// (pages and blog posts; for comments and attachments, their container's line) that carry
/// a read restriction. Content inherits its guards from its parent, or from its container,
/// when it is created, and trades them when it moves; restricting a page guards its subtree.
/// </summary>
public sealed class ReadGuardStore(DbSession db)
{
    /// <summary>The content and everything below it: child pages, comments, replies and attachments (UNION drops repeats).</summary>
    private const string SubtreeOfRoots =
        """
        WITH RECURSIVE subtree (id) AS (
            SELECT r.id FROM content r WHERE {0}
            UNION
            SELECT k.id FROM subtree CROSS JOIN content k WHERE k.parent_id = subtree.id OR k.container_id = subtree.id
        )
        """;

    private string Subtree(string rootsCondition) => string.Format(System.Globalization.CultureInfo.InvariantCulture, SubtreeOfRoots, rootsCondition);

    /// <summary>New content takes the guards of what it hangs from (its container, else its parent).</summary>
    public Task InheritAsync(long contentId, long? from, CancellationToken ct = default) =>
        from is null
            ? Task.CompletedTask
            : db.ExecuteAsync(
                """
                INSERT INTO content_read_guards (content_id, guard_id)
                SELECT @contentId, guard_id FROM content_read_guards WHERE content_id = @from
                ON CONFLICT DO NOTHING
                """, new { contentId, from }, ct);

    /// <summary>New content takes the guards of what it hangs from, as <see cref="InheritAsync"/>, for many in one statement.</summary>
    public Task InheritManyAsync(long[] contentIds, long[] from, CancellationToken ct = default) =>
        contentIds.Length == 0
            ? Task.CompletedTask
            : db.ExecuteAsync(
                $"""
                INSERT INTO content_read_guards (content_id, guard_id)
                SELECT n.g_content, g.guard_id FROM {db.Dialect.ArrayColumns("n", "g_content", "g_from")}
                JOIN content_read_guards g ON g.content_id = n.g_from
                WHERE TRUE
                ON CONFLICT DO NOTHING
                """, new { g_content = contentIds, g_from = from }, ct);

    /// <summary>Copies of attachments made in one statement take the guards of their new container.</summary>
    public Task InheritByContainerAsync(long containerId, CancellationToken ct = default) =>
        db.ExecuteAsync(
            """
            INSERT INTO content_read_guards (content_id, guard_id)
            SELECT k.id, g.guard_id FROM content k JOIN content_read_guards g ON g.content_id = @containerId
            WHERE k.container_id = @containerId
            ON CONFLICT DO NOTHING
            """, new { containerId }, ct);

    /// <summary>
    /// The given content (and what lies below it) moves from under <paramref name="oldFrom"/> to under
    /// <paramref name="newFrom"/>: it loses the guards only the old place had and gains those only the
    /// new place has. When both places have the same guards (the common case: no restrictions) this
    /// is one cheap query and no walk.
    /// </summary>
    public async Task MoveAsync(IReadOnlyCollection<long> roots, long? oldFrom, long? newFrom, CancellationToken ct = default)
    {
        if (roots.Count == 0 || oldFrom == newFrom) return;
        var places = new[] { oldFrom, newFrom }.OfType<long>().ToArray();
        var rows = await db.QueryAsync<(long ContentId, long GuardId)>(
            $"SELECT content_id, guard_id FROM content_read_guards WHERE {db.InList("content_id", "places")}", new { places }, ct);
        var before = rows.Where(r => r.ContentId == oldFrom).Select(r => r.GuardId).ToHashSet();
        var after = rows.Where(r => r.ContentId == newFrom).Select(r => r.GuardId).ToHashSet();
        var lost = before.Except(after).ToArray();
        var gained = after.Except(before).ToArray();
        var subtree = Subtree(db.InList("r.id", "roots"));
        if (lost.Length > 0)
            await db.ExecuteAsync(
                $"""
                {subtree}
                DELETE FROM content_read_guards
                WHERE content_id IN (SELECT id FROM subtree) AND {db.InList("guard_id", "lost")}
                """, new { roots = roots.ToArray(), lost }, ct);
        if (gained.Length > 0)
            await db.ExecuteAsync(
                $"""
                {subtree}
                INSERT INTO content_read_guards (content_id, guard_id)
                SELECT subtree.id, g.id FROM subtree CROSS JOIN content g WHERE {db.InList("g.id", "gained")}
                ON CONFLICT DO NOTHING
                """, new { roots = roots.ToArray(), gained }, ct);
    }

    /// <summary>
    /// Computes the guards of a subtree afresh from where it hangs now: each piece of content gets the ancestors-or-self of
    /// its line (through the container, for comments and attachments) that guard themselves. For repairs, where trading
    /// guards has no old place to trade from (a parent cycle). A guard's own row is what marks a guard, and it stays, so a
    /// page whose restriction lost its last user still hides what lies below it.
    /// </summary>
    public async Task RecomputeSubtreeAsync(long rootId, CancellationToken ct = default)
    {
        var subtree = Subtree("r.id = @rootId");
        await db.ExecuteAsync(
            $"""
            {subtree}
            DELETE FROM content_read_guards WHERE content_id IN (SELECT id FROM subtree) AND guard_id <> content_id
            """, new { rootId }, ct);
        await db.ExecuteAsync(
            $"""
            {subtree},
            line (of_id, id, depth) AS (
                SELECT subtree.id, subtree.id, 0 FROM subtree
                UNION ALL
                SELECT line.of_id, COALESCE(c.parent_id, c.container_id), line.depth + 1 FROM line CROSS JOIN content c
                WHERE c.id = line.id AND COALESCE(c.parent_id, c.container_id) IS NOT NULL AND line.depth < 1000
            )
            INSERT INTO content_read_guards (content_id, guard_id)
            SELECT DISTINCT line.of_id, line.id FROM line
            WHERE line.depth > 0 AND EXISTS (SELECT 1 FROM content_read_guards g WHERE g.content_id = line.id AND g.guard_id = line.id)
            ON CONFLICT DO NOTHING
            """, new { rootId }, ct);
    }

    /// <summary>
    /// A page's read restriction starts: it guards itself and everything below it. A page that
    /// guards itself already guards its subtree (creates and moves keep that true), so adding a
    /// second user to a read restriction walks nothing.
    /// </summary>
    public async Task GuardSubtreeAsync(long guardId, CancellationToken ct = default)
    {
        if (await db.ExecuteScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM content_read_guards WHERE content_id = @guardId AND guard_id = @guardId)", new { guardId }, ct))
            return;
        await db.ExecuteAsync(
            $"""
            {Subtree("r.id = @guardId")}
            INSERT INTO content_read_guards (content_id, guard_id)
            SELECT subtree.id, @guardId FROM subtree WHERE true
            ON CONFLICT DO NOTHING
            """, new { guardId }, ct);
    }

    /// <summary>A page's read restriction is lifted: it guards nothing any more.</summary>
    public Task UnguardAsync(long guardId, CancellationToken ct = default) =>
        db.ExecuteAsync("DELETE FROM content_read_guards WHERE guard_id = @guardId", new { guardId }, ct);
}
