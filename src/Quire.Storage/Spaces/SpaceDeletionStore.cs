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
    /// <summary>
    /// Deletes up to <paramref name="batch"/> rows of the space's content, newest first. Children, comments and
    /// attachments cascade with their parent, so taking the oldest first (the homepage) removed the whole tree in
    /// the first batch: newest first takes what hangs below before what it hangs from, in the usual case where a
    /// child is younger than its parent (a page moved under a younger one goes with it; the count says so).
    /// </summary>
    public Task<int> DeleteContentBatchAsync(long spaceId, int batch, CancellationToken ct = default) =>
        db.ExecuteAsync(
            "DELETE FROM content WHERE id IN (SELECT id FROM content WHERE space_id = @spaceId ORDER BY id DESC LIMIT @batch)",
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
