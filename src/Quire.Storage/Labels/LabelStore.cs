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

    /// <summary>The label's id, and whether this call created it (its first use on the site, which webhooks announce).</summary>
    public async Task<EnsuredLabel> EnsureReportingAsync(string prefix, string name, long ownerId, CancellationToken ct = default)
    {
        var created = await db.ExecuteAsync(
            "INSERT INTO labels (prefix, name, owner_id) VALUES (@prefix, @name, @ownerId) ON CONFLICT DO NOTHING",
            new { prefix, name, ownerId }, ct) > 0;
        var id = await db.ExecuteScalarAsync<long>(
            "SELECT id FROM labels WHERE prefix = @prefix AND name = @name AND owner_id = @ownerId", new { prefix, name, ownerId }, ct);
        return new EnsuredLabel(id, created);
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
