namespace Quire.Storage.Content;

public sealed class ContentPropertyRecord
{
    public long Id { get; init; }
    public long ContentId { get; init; }
    public required string Key { get; init; }
    /// <summary>The value as the client sent it: JSON text.</summary>
    public required string Value { get; init; }
    public int Version { get; init; }
    public long VersionAt { get; init; }
    public long? VersionBy { get; init; }
    public string VersionMessage { get; init; } = "";
    public bool MinorEdit { get; init; }
}

/// <summary>Rows of <c>content_properties</c>: versioned JSON values, unique by content and key.</summary>
public sealed class ContentPropertyStore(DbSession db)
{
    private const string Columns = "id, content_id, key, value, version, version_at, version_by, version_message, minor_edit";

    public Task<ContentPropertyRecord?> FindAsync(long contentId, string key, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<ContentPropertyRecord>(
            $"SELECT {Columns} FROM content_properties WHERE content_id = @contentId AND key = @key", new { contentId, key }, ct);

    /// <summary>One page of a content's properties by key, optionally only the given keys.</summary>
    public Task<IReadOnlyList<ContentPropertyRecord>> ListAsync(
        long contentId, IReadOnlyCollection<string>? keys, int offset, int count, CancellationToken ct = default) =>
        db.QueryAsync<ContentPropertyRecord>(
            $"""
            SELECT {Columns} FROM content_properties WHERE content_id = @contentId
              {(keys is null ? "" : "AND " + db.InList("key", "keys"))}
            ORDER BY key LIMIT @count OFFSET @offset
            """, new { contentId, keys = keys?.ToArray(), offset, count }, ct);

    /// <summary>
    /// The properties with the given keys of every given content, in one query however many
    /// content ids there are (for the <c>metadata.properties.&lt;key&gt;</c> expansion).
    /// </summary>
    public Task<IReadOnlyList<ContentPropertyRecord>> ListForContentsAsync(
        IReadOnlyCollection<long> contentIds, IReadOnlyCollection<string> keys, CancellationToken ct = default) =>
        contentIds.Count == 0 || keys.Count == 0
            ? Task.FromResult<IReadOnlyList<ContentPropertyRecord>>([])
            : db.QueryAsync<ContentPropertyRecord>(
                $"""
                SELECT {Columns} FROM content_properties
                WHERE {db.InList("content_id", "contentIds")} AND {db.InList("key", "keys")}
                ORDER BY content_id, key
                """, new { contentIds = contentIds.ToArray(), keys = keys.ToArray() }, ct);

    /// <summary>Inserts the property; answers null when the content already has the key.</summary>
    public Task<long?> TryInsertAsync(ContentPropertyRecord p, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<long?>(
            """
            INSERT INTO content_properties (content_id, key, value, version, version_at, version_by, version_message, minor_edit)
            VALUES (@ContentId, @Key, @Value, @Version, @VersionAt, @VersionBy, @VersionMessage, @MinorEdit)
            ON CONFLICT (content_id, key) DO NOTHING
            RETURNING id
            """, p, ct);

    /// <summary>
    /// Writes a new version only if the stored one is still <paramref name="expectedVersion"/>,
    /// so two concurrent updates cannot both win.
    /// </summary>
    public async Task<bool> UpdateAsync(ContentPropertyRecord p, int expectedVersion, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            """
            UPDATE content_properties SET value = @Value, version = @Version, version_at = @VersionAt, version_by = @VersionBy,
                                          version_message = @VersionMessage, minor_edit = @MinorEdit
            WHERE id = @Id AND version = @expectedVersion
            """,
            new { p.Id, p.Value, p.Version, p.VersionAt, p.VersionBy, p.VersionMessage, p.MinorEdit, expectedVersion }, ct) > 0;

    public async Task<bool> DeleteAsync(long contentId, string key, CancellationToken ct = default) =>
        await db.ExecuteAsync("DELETE FROM content_properties WHERE content_id = @contentId AND key = @key", new { contentId, key }, ct) > 0;
}
