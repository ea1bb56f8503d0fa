using Quire.Storage.Visibility;

namespace Quire.Storage.Spaces;

/// <summary>The few facts about a page a space needs: its homepage.</summary>
public sealed class HomepageRecord
{
    public long Id { get; init; }
    public long SpaceId { get; init; }
    public required string Type { get; init; }
    public required string Status { get; init; }
    public required string Title { get; init; }
}

/// <summary>
/// What spaces need of the content table: creating a space's homepage and reading the
/// homepages of a page of spaces. Content itself has its own store.
/// </summary>
public sealed class SpaceContentStore(DbSession db)
{
    public Task<long> InsertHomepageAsync(long spaceId, string title, long? createdBy, long now, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<long>(
            """
            INSERT INTO content (type, status, space_id, title, title_lower, body_storage, version, created_by, created_at, updated_by, updated_at)
            VALUES ('page', 'current', @spaceId, @title, @titleLower, '', 1, @createdBy, @now, @createdBy, @now)
            RETURNING id
            """, new { spaceId, title, titleLower = title.ToLowerInvariant(), createdBy, now }, ct);

    /// <summary>The homepages among the ids that the viewer may read (a homepage may carry a read restriction, or be in the trash).</summary>
    public Task<IReadOnlyList<HomepageRecord>> FindReadableAsync(IReadOnlyCollection<long> ids, Viewer viewer, CancellationToken ct = default)
    {
        if (ids.Count == 0) return Task.FromResult<IReadOnlyList<HomepageRecord>>([]);
        var (read, parameters) = ReadRule.For(db.Dialect).For(viewer, new { ids = ids.ToArray() });
        return db.QueryAsync<HomepageRecord>(
            $"SELECT c.id, c.space_id, c.type, c.status, c.title FROM content c WHERE {db.InList("c.id", "ids")} AND {read.Restrictions()} AND {read.Trash()}",
            parameters, ct);
    }

    /// <summary>A current page of the space, which is what a homepage may be.</summary>
    public Task<HomepageRecord?> FindCurrentPageAsync(long spaceId, long id, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<HomepageRecord>(
            """
            SELECT id, space_id, type, status, title FROM content
            WHERE id = @id AND space_id = @spaceId AND type = 'page' AND status = 'current'
            """, new { id, spaceId }, ct);
}
