namespace Quire.Storage.Labels;

/// <summary>A label row's id, and whether the call that answered it created the row.</summary>
public readonly record struct EnsuredLabel(long Id, bool Created);

/// <summary>
/// Rows of <c>labels</c>, shared by everything that carries labels (spaces, content): one
/// row per prefix, name and owner (0 for the shared prefixes, the user for <c>my</c>).
/// </summary>
public sealed class LabelStore(DbSession db)
{
    /// <summary>The label's id, creating the label on first use.</summary>
    public async Task<long> EnsureAsync(string prefix, string name, long ownerId, CancellationToken ct = default) =>
        (await EnsureReportingAsync(prefix, name, ownerId, ct)).Id;

    /// <summary>
    /// The label's id, and whether this call created it (its first use on the site, which webhooks
    /// announce). Call in the transaction that then puts the label on something: the row stays locked
    /// against deletion until it ends, so a concurrent removal of the label's last use cannot delete
    /// it from under the new use. A row deleted meanwhile is created again.
    /// </summary>
    public async Task<EnsuredLabel> EnsureReportingAsync(string prefix, string name, long ownerId, CancellationToken ct = default)
    {
        // The delete that could intervene commits before this retries, and the insert then wins: a
        // second pass finds the row unless yet another removal deleted it, which needs another use first.
        for (var attempt = 1; ; attempt++)
        {
            var created = await db.ExecuteAsync(
                "INSERT INTO labels (prefix, name, owner_id) VALUES (@prefix, @name, @ownerId) ON CONFLICT DO NOTHING",
                new { prefix, name, ownerId }, ct) > 0;
            var id = await db.QuerySingleOrDefaultAsync<long?>(
                $"SELECT id FROM labels WHERE prefix = @prefix AND name = @name AND owner_id = @ownerId{db.Dialect.LockRowsAgainstDeletion}",
                new { prefix, name, ownerId }, ct);
            if (id is { } found) return new EnsuredLabel(found, created);
            if (attempt == 3) throw new InvalidOperationException($"The label '{prefix}:{name}' was deleted three times while being put to use.");
        }
    }

    /// <summary>
    /// The label's id, locked for <see cref="DeleteIfUnusedAsync"/> until the transaction ends (take it
    /// before detaching the label, so removals and additions of a label lock in the same order); null
    /// when there is no such label.
    /// </summary>
    public Task<long?> LockForRemovalAsync(string prefix, string name, long ownerId, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<long?>(
            $"SELECT id FROM labels WHERE prefix = @prefix AND name = @name AND owner_id = @ownerId{db.Dialect.LockRowsForDeletion}",
            new { prefix, name, ownerId }, ct);

    /// <summary>
    /// Deletes the label when nothing carries it any more (no content, space or template), as
    /// Confluence deletes a label with its last use, and with it the watches of a global label (as
    /// Confluence's label-delete listener drops its notifications); answers whether it did. The row
    /// must be locked by <see cref="LockForRemovalAsync"/>: this statement then sees every use
    /// committed before the lock.
    /// </summary>
    public async Task<bool> DeleteIfUnusedAsync(long id, string prefix, string name, CancellationToken ct = default)
    {
        var deleted = await db.ExecuteAsync(
            """
            DELETE FROM labels WHERE id = @id
              AND NOT EXISTS (SELECT 1 FROM content_labels WHERE label_id = @id)
              AND NOT EXISTS (SELECT 1 FROM space_labels WHERE label_id = @id)
              AND NOT EXISTS (SELECT 1 FROM content_template_labels WHERE label_id = @id)
            """, new { id }, ct) > 0;
        // Only global labels can be watched, and watches name them (label_watches).
        if (deleted && prefix == "global")
            await db.ExecuteAsync("DELETE FROM label_watches WHERE label_name = @name", new { name }, ct);
        return deleted;
    }

    /// <summary>The label's id, or null when no such label was ever created.</summary>
    public Task<long?> FindIdAsync(string prefix, string name, long ownerId, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<long?>(
            "SELECT id FROM labels WHERE prefix = @prefix AND name = @name AND owner_id = @ownerId", new { prefix, name, ownerId }, ct);

    /// <summary>
    /// Whether a label with this id exists for the viewer (v2 names labels by id): a shared label, or a
    /// <c>my</c> label of the viewer's own. Someone else's <c>my</c> label (their favourites) is as missing.
    /// </summary>
    public Task<bool> ExistsForAsync(long id, long viewerId, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM labels WHERE id = @id AND (owner_id = 0 OR owner_id = @viewerId))", new { id, viewerId }, ct);
}
