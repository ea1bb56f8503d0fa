namespace Quire.Storage.Spaces;

public sealed class SpacePropertyRecord
{
    public long Id { get; init; }
    public long SpaceId { get; init; }
    public required string Key { get; init; }
    /// <summary>The value as the client sent it: JSON text.</summary>
    public required string Value { get; init; }
    public int Version { get; init; }
    public long VersionAt { get; init; }
    public long? VersionBy { get; init; }
    public string VersionMessage { get; init; } = "";
    public bool MinorEdit { get; init; }
}

public sealed class SpacePropertyStore(DbSession db)
{
    private const string Columns = "id, space_id, key, value, version, version_at, version_by, version_message, minor_edit";

    public Task<SpacePropertyRecord?> FindAsync(long spaceId, string key, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<SpacePropertyRecord>(
            $"SELECT {Columns} FROM space_properties WHERE space_id = @spaceId AND key = @key", new { spaceId, key }, ct);

    public Task<IReadOnlyList<SpacePropertyRecord>> ListAsync(long spaceId, int offset, int count, CancellationToken ct = default) =>
        db.QueryAsync<SpacePropertyRecord>(
            $"SELECT {Columns} FROM space_properties WHERE space_id = @spaceId ORDER BY key LIMIT @count OFFSET @offset",
            new { spaceId, offset, count }, ct);

    /// <summary>Inserts the property; answers null when the key is already taken in the space.</summary>
    public Task<long?> TryInsertAsync(SpacePropertyRecord p, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<long?>(
            """
            INSERT INTO space_properties (space_id, key, value, version, version_at, version_by, version_message, minor_edit)
            VALUES (@SpaceId, @Key, @Value, @Version, @VersionAt, @VersionBy, @VersionMessage, @MinorEdit)
            ON CONFLICT (space_id, key) DO NOTHING
            RETURNING id
            """, p, ct);

    /// <summary>
    /// Writes a new version only if the stored one is still <paramref name="expectedVersion"/>,
    /// so two concurrent updates cannot both win.
    /// </summary>
    public async Task<bool> UpdateAsync(SpacePropertyRecord p, int expectedVersion, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            """
            UPDATE space_properties SET value = @Value, version = @Version, version_at = @VersionAt, version_by = @VersionBy,
                                        version_message = @VersionMessage, minor_edit = @MinorEdit
            WHERE id = @Id AND version = @expectedVersion
            """,
            new { p.Id, p.Value, p.Version, p.VersionAt, p.VersionBy, p.VersionMessage, p.MinorEdit, expectedVersion }, ct) > 0;

    public async Task<bool> DeleteAsync(long spaceId, string key, CancellationToken ct = default) =>
        await db.ExecuteAsync("DELETE FROM space_properties WHERE space_id = @spaceId AND key = @key", new { spaceId, key }, ct) > 0;
}
