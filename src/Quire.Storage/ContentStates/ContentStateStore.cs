using Quire.Storage.Content;
using Quire.Storage.Spaces;
using Quire.Storage.Visibility;

namespace Quire.Storage.ContentStates;

public sealed class ContentStateRecord
{
    public long Id { get; init; }
    public required string Name { get; init; }
    public required string Color { get; init; }
}

public sealed class PlacedStateRecord
{
    public long ContentId { get; init; }
    public required string Status { get; init; }
    public long StateId { get; init; }
    public required string Name { get; init; }
    public required string Color { get; init; }
    public long UpdatedAt { get; init; }
}

/// <summary>Rows of <c>custom_content_states</c>, <c>content_state_of</c> and <c>content_state_tasks</c>.</summary>
public sealed class ContentStateStore(DbSession db)
{
    /// <summary>Ids below this are the default space states.</summary>
    public const long FirstCustomId = 3;

    public Task<PlacedStateRecord?> PlacedAsync(long contentId, string status, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<PlacedStateRecord>(
            "SELECT content_id, status, state_id, name, color, updated_at FROM content_state_of WHERE content_id = @contentId AND status = @status",
            new { contentId, status }, ct);

    public Task PlaceAsync(long contentId, string status, ContentStateRecord state, long now, CancellationToken ct = default) =>
        db.ExecuteAsync(
            """
            INSERT INTO content_state_of (content_id, status, state_id, name, color, updated_at) VALUES (@contentId, @status, @Id, @Name, @Color, @now)
            ON CONFLICT (content_id, status) DO UPDATE SET state_id = @Id, name = @Name, color = @Color, updated_at = @now
            """, new { contentId, status, state.Id, state.Name, state.Color, now }, ct);

    public async Task<bool> RemoveAsync(long contentId, string status, CancellationToken ct = default) =>
        await db.ExecuteAsync("DELETE FROM content_state_of WHERE content_id = @contentId AND status = @status", new { contentId, status }, ct) > 0;

    public Task<ContentStateRecord?> CustomAsync(long ownerId, long id, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<ContentStateRecord>(
            "SELECT id, name, color FROM custom_content_states WHERE owner_id = @ownerId AND id = @id", new { ownerId, id }, ct);

    /// <summary>The user's custom states, most recently used first (all, or the first <paramref name="count"/>).</summary>
    public Task<IReadOnlyList<ContentStateRecord>> CustomsAsync(long ownerId, int count, CancellationToken ct = default) =>
        db.QueryAsync<ContentStateRecord>(
            "SELECT id, name, color FROM custom_content_states WHERE owner_id = @ownerId ORDER BY last_used_at DESC, id DESC LIMIT @count",
            new { ownerId, count }, ct);

    /// <summary>
    /// The user's custom state of that name and colour, created if new, marked as used now. Ids
    /// are site-wide and come from the engine (an identity on PostgreSQL, AUTOINCREMENT on SQLite,
    /// both starting after the default states), so concurrent creators never collide and an id
    /// is never given again; the unique key settles two creators of the same state.
    /// </summary>
    public async Task<ContentStateRecord> UseCustomAsync(long ownerId, string name, string color, long now, CancellationToken ct = default) =>
        (await db.QuerySingleOrDefaultAsync<ContentStateRecord>(
            """
            INSERT INTO custom_content_states (owner_id, name, color, last_used_at) VALUES (@ownerId, @name, @color, @now)
            ON CONFLICT (owner_id, name, color) DO UPDATE SET last_used_at = @now
            RETURNING id, name, color
            """, new { ownerId, name, color, now }, ct))!;

    public Task TouchCustomAsync(long id, long now, CancellationToken ct = default) =>
        db.ExecuteAsync("UPDATE custom_content_states SET last_used_at = @now WHERE id = @id", new { id, now }, ct);

    /// <summary>One page of the ids of current content in the space carrying the state, that the viewer may read.</summary>
    public Task<IReadOnlyList<long>> ContentWithStateAsync(long spaceId, long stateId, Viewer viewer, int offset, int count, CancellationToken ct = default)
    {
        var (read, parameters) = ReadRule.For(db.Dialect).For(viewer, new { stateId, spaceId, offset, count });
        return db.QueryAsync<long>(
            $"""
            SELECT c.id FROM content_state_of cs JOIN content c ON c.id = cs.content_id JOIN spaces s ON s.id = c.space_id
            WHERE cs.state_id = @stateId AND cs.status = 'current' AND c.space_id = @spaceId AND c.status = 'current'
              AND {read.Content(ContentRows.Current)}
            ORDER BY cs.updated_at DESC, c.id DESC
            LIMIT @count OFFSET @offset
            """, parameters, ct);
    }

    public Task SaveTaskAsync(string id, long ownerId, string result, long now, CancellationToken ct = default) =>
        db.ExecuteAsync("INSERT INTO content_state_tasks (id, owner_id, result, created_at) VALUES (@id, @ownerId, @result, @now)",
            new { id, ownerId, result, now }, ct);

    public Task<string?> TaskAsync(string id, long ownerId, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<string>("SELECT result FROM content_state_tasks WHERE id = @id AND owner_id = @ownerId", new { id, ownerId }, ct);
}
