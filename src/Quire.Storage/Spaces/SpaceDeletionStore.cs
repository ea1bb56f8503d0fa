namespace Quire.Storage.Spaces;

/// <summary>
/// The steps of removing a space and everything in it. Each step is idempotent, so a
/// deletion interrupted by a restart can simply run again.
/// </summary>
public sealed class SpaceDeletionStore(DbSession db)
{
    /// <summary>
    /// Deletes up to <paramref name="batch"/> content rows of the space, answering how many went.
    /// Batches keep each transaction short on large spaces. Children go with their parents
    /// (ON DELETE CASCADE), so the count may exceed the batch.
    /// </summary>
    public Task<int> DeleteContentBatchAsync(long spaceId, int batch, CancellationToken ct = default) =>
        db.ExecuteAsync(
            "DELETE FROM content WHERE id IN (SELECT id FROM content WHERE space_id = @spaceId ORDER BY id LIMIT @batch)",
            new { spaceId, batch }, ct);

    public Task<long> CountContentAsync(long spaceId, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM content WHERE space_id = @spaceId", new { spaceId }, ct);

    public Task DeletePropertiesAsync(long spaceId, CancellationToken ct = default) =>
        db.ExecuteAsync("DELETE FROM space_properties WHERE space_id = @spaceId", new { spaceId }, ct);

    public Task DeleteLabelsAsync(long spaceId, CancellationToken ct = default) =>
        db.ExecuteAsync("DELETE FROM space_labels WHERE space_id = @spaceId", new { spaceId }, ct);

    public Task DeletePermissionsAsync(long spaceId, CancellationToken ct = default) =>
        db.ExecuteAsync("DELETE FROM space_permissions WHERE space_id = @spaceId", new { spaceId }, ct);

    public Task DeleteSpaceRowAsync(long spaceId, CancellationToken ct = default) =>
        db.ExecuteAsync("DELETE FROM spaces WHERE id = @spaceId", new { spaceId }, ct);
}
