namespace Quire.Storage.AppProperties;

/// <summary>One app property: a JSON value under a key, in one app's set.</summary>
public sealed class AppPropertyRecord
{
    public long Id { get; init; }
    public required string AppKey { get; init; }
    public required string Key { get; init; }
    /// <summary>Raw JSON, as the client sent it.</summary>
    public required string Value { get; init; }
    public long? UpdatedBy { get; init; }
    public long UpdatedAt { get; init; }
}

/// <summary>Site-wide key-value storage, one set per app (the <c>app_key</c>).</summary>
public sealed class AppPropertyStore(DbSession db)
{
    private const string Columns = "id, app_key, key, value, updated_by, updated_at";

    public Task<AppPropertyRecord?> FindAsync(string appKey, string key, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<AppPropertyRecord>(
            $"SELECT {Columns} FROM app_properties WHERE app_key = @appKey AND key = @key", new { appKey, key }, ct);

    /// <summary>Up to <paramref name="count"/> of the app's properties by key after <paramref name="afterKey"/> (null: from the first): a range of the (app_key, key) index.</summary>
    public Task<IReadOnlyList<AppPropertyRecord>> ListAfterAsync(string appKey, string? afterKey, int count, CancellationToken ct = default) =>
        db.QueryAsync<AppPropertyRecord>(
            $"""
            SELECT {Columns} FROM app_properties
            WHERE app_key = @appKey {(afterKey is null ? "" : "AND key > @afterKey")}
            ORDER BY key LIMIT @count
            """, new { appKey, afterKey, count }, ct);

    /// <summary>
    /// Writes the value; answers true when the key was new. Insert-or-update is two statements, so a delete can land
    /// between them (no transaction stops that on PostgreSQL: ON CONFLICT DO NOTHING locks nothing): when the update
    /// finds the row gone, the put starts over and inserts it, so a PUT always leaves its value stored.
    /// </summary>
    public async Task<bool> PutAsync(string appKey, string key, string value, long? by, long at, CancellationToken ct = default)
    {
        var parameters = new { appKey, key, value, by, at };
        while (true)
        {
            if (await db.ExecuteAsync(
                    """
                    INSERT INTO app_properties (app_key, key, value, updated_by, updated_at) VALUES (@appKey, @key, @value, @by, @at)
                    ON CONFLICT (app_key, key) DO NOTHING
                    """, parameters, ct) > 0)
                return true;
            if (await db.ExecuteAsync(
                    "UPDATE app_properties SET value = @value, updated_by = @by, updated_at = @at WHERE app_key = @appKey AND key = @key",
                    parameters, ct) > 0)
                return false;
        }
    }

    public Task<int> DeleteAsync(string appKey, string key, CancellationToken ct = default) =>
        db.ExecuteAsync("DELETE FROM app_properties WHERE app_key = @appKey AND key = @key", new { appKey, key }, ct);
}
