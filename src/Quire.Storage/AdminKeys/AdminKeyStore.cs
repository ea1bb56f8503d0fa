namespace Quire.Storage.AdminKeys;

/// <summary>A user's admin key: live until <see cref="ExpiresAt"/> (epoch ms).</summary>
public sealed record AdminKeyRecord(long UserId, long ExpiresAt, long CreatedAt);

/// <summary>Rows of <c>admin_keys</c>: at most one per user; enabling again replaces it.</summary>
public sealed class AdminKeyStore(DbSession db)
{
    /// <summary>The user's key if it is still live at <paramref name="now"/>, else null.</summary>
    public Task<AdminKeyRecord?> FindLiveAsync(long userId, long now, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<AdminKeyRecord>(
            "SELECT user_id, expires_at, created_at FROM admin_keys WHERE user_id = @userId AND expires_at > @now",
            new { userId, now }, ct);

    /// <summary>Issues the user's key (a new one replaces any before it).</summary>
    public Task PutAsync(AdminKeyRecord key, CancellationToken ct = default) =>
        db.ExecuteAsync(
            """
            INSERT INTO admin_keys (user_id, expires_at, created_at) VALUES (@UserId, @ExpiresAt, @CreatedAt)
            ON CONFLICT (user_id) DO UPDATE SET expires_at = excluded.expires_at, created_at = excluded.created_at
            """, key, ct);

    /// <summary>Removes the user's key; answers whether there was one.</summary>
    public async Task<bool> DeleteAsync(long userId, CancellationToken ct = default) =>
        await db.ExecuteAsync("DELETE FROM admin_keys WHERE user_id = @userId", new { userId }, ct) > 0;
}
