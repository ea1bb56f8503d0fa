namespace Quire.Storage.UserProperties;

public sealed class UserPropertyRecord
{
    public long Id { get; init; }
    public long UserId { get; init; }
    public required string Key { get; init; }
    /// <summary>The JSON value exactly as the client sent it.</summary>
    public required string Value { get; init; }
    public int Version { get; init; }
    public long CreatedAt { get; init; }
    public long UpdatedAt { get; init; }
}

public sealed class UserPropertyStore(DbSession db)
{
    private const string Columns = "id, user_id, key, value, version, created_at, updated_at";

    public Task<UserPropertyRecord?> FindAsync(long userId, string key, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<UserPropertyRecord>(
            $"SELECT {Columns} FROM user_properties WHERE user_id = @userId AND key = @key", new { userId, key }, ct);

    public Task<IReadOnlyList<string>> ListKeysAsync(long userId, int offset, int count, CancellationToken ct = default) =>
        db.QueryAsync<string>(
            "SELECT key FROM user_properties WHERE user_id = @userId ORDER BY key LIMIT @count OFFSET @offset",
            new { userId, offset, count }, ct);

    /// <summary>Inserts the property; false when the user already has that key.</summary>
    public async Task<bool> InsertAsync(long userId, string key, string value, long now, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            """
            INSERT INTO user_properties (user_id, key, value, version, created_at, updated_at)
            VALUES (@userId, @key, @value, 1, @now, @now)
            ON CONFLICT (user_id, key) DO NOTHING
            """, new { userId, key, value, now }, ct) > 0;

    /// <summary>Replaces the value and bumps the version; false when there is no such property.</summary>
    public async Task<bool> UpdateAsync(long userId, string key, string value, long now, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            """
            UPDATE user_properties SET value = @value, version = version + 1, updated_at = @now
            WHERE user_id = @userId AND key = @key
            """, new { userId, key, value, now }, ct) > 0;

    public async Task<bool> DeleteAsync(long userId, string key, CancellationToken ct = default) =>
        await db.ExecuteAsync("DELETE FROM user_properties WHERE user_id = @userId AND key = @key", new { userId, key }, ct) > 0;
}
