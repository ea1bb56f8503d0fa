namespace Quire.Storage.Properties;

/// <summary>A versioned JSON property of one owner: a piece of content or a space.</summary>
public sealed class PropertyRecord
{
    public long Id { get; init; }
    /// <summary>The content id or space id the property belongs to.</summary>
    public long OwnerId { get; init; }
    public required string Key { get; init; }
    /// <summary>The value as the client sent it: JSON text.</summary>
    public required string Value { get; init; }
    public int Version { get; init; }
    public long VersionAt { get; init; }
    public long? VersionBy { get; init; }
    public string VersionMessage { get; init; } = "";
    public bool MinorEdit { get; init; }
}

/// <summary>
/// Rows of a versioned property table (<c>content_properties</c>, <c>space_properties</c>):
/// JSON values unique by owner and key, each change a new version. The tables have the same
/// columns but for the one naming the owner, so one store serves both; the subclasses exist
/// so that services ask for the kind they mean.
/// </summary>
public abstract class PropertyStore(DbSession db, string table, string ownerColumn)
{
    private string Columns => $"id, {ownerColumn} AS owner_id, key, value, version, version_at, version_by, version_message, minor_edit";

    public Task<PropertyRecord?> FindAsync(long ownerId, string key, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<PropertyRecord>(
            $"SELECT {Columns} FROM {table} WHERE {ownerColumn} = @ownerId AND key = @key", new { ownerId, key }, ct);

    /// <summary>One page of an owner's properties by key, optionally only the given keys.</summary>
    public Task<IReadOnlyList<PropertyRecord>> ListAsync(
        long ownerId, IReadOnlyCollection<string>? keys, int offset, int count, CancellationToken ct = default) =>
        db.QueryAsync<PropertyRecord>(
            $"""
            SELECT {Columns} FROM {table} WHERE {ownerColumn} = @ownerId
              {(keys is null ? "" : "AND " + db.InList("key", "keys"))}
            ORDER BY key LIMIT @count OFFSET @offset
            """, new { ownerId, keys = keys?.ToArray(), offset, count }, ct);

    /// <summary>The owner's property with this id (v2 names properties by id), else null.</summary>
    public Task<PropertyRecord?> FindByIdAsync(long ownerId, long id, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<PropertyRecord>(
            $"SELECT {Columns} FROM {table} WHERE {ownerColumn} = @ownerId AND id = @id", new { ownerId, id }, ct);

    /// <summary>
    /// Up to <paramref name="count"/> of an owner's properties by key (descending if asked),
    /// starting after <paramref name="after"/> (whose value is a key): a keyset walk, so properties added
    /// or removed behind it never shift the next page. Keys are unique per owner, so the key
    /// alone orders them. <paramref name="key"/> keeps only that key (case-sensitive).
    /// </summary>
    public Task<IReadOnlyList<PropertyRecord>> ListAfterAsync(
        long ownerId, string? key, bool descending, Keyset? after, int count, CancellationToken ct = default) =>
        db.QueryAsync<PropertyRecord>(
            $"""
            SELECT {Columns} FROM {table} WHERE {ownerColumn} = @ownerId
              {(key is null ? "" : "AND key = @key")}
              {(after is null ? "" : descending ? "AND key < @afterKey" : "AND key > @afterKey")}
            ORDER BY key {(descending ? "DESC" : "ASC")} LIMIT @count
            """, new { ownerId, key, afterKey = after?.Value, count }, ct);

    /// <summary>The properties with the given keys of every given owner, in one query however many owners there are.</summary>
    public Task<IReadOnlyList<PropertyRecord>> ListForOwnersAsync(
        IReadOnlyCollection<long> ownerIds, IReadOnlyCollection<string> keys, CancellationToken ct = default) =>
        ownerIds.Count == 0 || keys.Count == 0
            ? Task.FromResult<IReadOnlyList<PropertyRecord>>([])
            : db.QueryAsync<PropertyRecord>(
                $"""
                SELECT {Columns} FROM {table}
                WHERE {db.InList(ownerColumn, "ownerIds")} AND {db.InList("key", "keys")}
                ORDER BY {ownerColumn}, key
                """, new { ownerIds = ownerIds.ToArray(), keys = keys.ToArray() }, ct);

    /// <summary>Inserts the property; answers null when the owner already has the key.</summary>
    public Task<long?> TryInsertAsync(PropertyRecord p, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<long?>(
            $"""
            INSERT INTO {table} ({ownerColumn}, key, value, version, version_at, version_by, version_message, minor_edit)
            VALUES (@OwnerId, @Key, @Value, @Version, @VersionAt, @VersionBy, @VersionMessage, @MinorEdit)
            ON CONFLICT ({ownerColumn}, key) DO NOTHING
            RETURNING id
            """, p, ct);

    /// <summary>
    /// Writes a new version only if the stored one is still <paramref name="expectedVersion"/>,
    /// so two concurrent updates cannot both win.
    /// </summary>
    public async Task<bool> UpdateAsync(PropertyRecord p, int expectedVersion, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            $"""
            UPDATE {table} SET value = @Value, version = @Version, version_at = @VersionAt, version_by = @VersionBy,
                               version_message = @VersionMessage, minor_edit = @MinorEdit
            WHERE id = @Id AND version = @expectedVersion
            """,
            new { p.Id, p.Value, p.Version, p.VersionAt, p.VersionBy, p.VersionMessage, p.MinorEdit, expectedVersion }, ct) > 0;

    public async Task<bool> DeleteAsync(long ownerId, string key, CancellationToken ct = default) =>
        await db.ExecuteAsync($"DELETE FROM {table} WHERE {ownerColumn} = @ownerId AND key = @key", new { ownerId, key }, ct) > 0;
}

/// <summary>Properties of content (<c>content_properties</c>), owned by a content id.</summary>
public sealed class ContentPropertyStore(DbSession db) : PropertyStore(db, "content_properties", "content_id");

/// <summary>Properties of spaces (<c>space_properties</c>), owned by a space id.</summary>
public sealed class SpacePropertyStore(DbSession db) : PropertyStore(db, "space_properties", "space_id");
