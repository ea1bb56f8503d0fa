namespace Quire.Storage.Web;

/// <summary>One browser session of the web interface: whose it is and until when it signs them in.</summary>
public sealed record WebSessionRecord(string IdHash, long UserId, long CreatedAt, long ExpiresAt);

/// <summary>
/// The <c>web_sessions</c> table. Rows are found by the hash of the cookie's secret, never by the
/// secret itself; an expired row is as good as absent (and swept when a new session starts).
/// </summary>
public sealed class WebSessionStore(DbSession db)
{
    public Task InsertAsync(WebSessionRecord session, CancellationToken ct = default) =>
        db.ExecuteAsync(
            "INSERT INTO web_sessions (id_hash, user_id, created_at, expires_at) VALUES (@IdHash, @UserId, @CreatedAt, @ExpiresAt)",
            session, ct);

    /// <summary>The live session with this hash, or null when there is none or it has expired.</summary>
    public Task<WebSessionRecord?> FindLiveAsync(string idHash, long now, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<WebSessionRecord>(
            """
            SELECT id_hash AS IdHash, user_id AS UserId, created_at AS CreatedAt, expires_at AS ExpiresAt
            FROM web_sessions WHERE id_hash = @idHash AND expires_at > @now
            """, new { idHash, now }, ct);

    public Task<int> DeleteAsync(string idHash, CancellationToken ct = default) =>
        db.ExecuteAsync("DELETE FROM web_sessions WHERE id_hash = @idHash", new { idHash }, ct);

    /// <summary>Ends every session of the user (removal, or a password change).</summary>
    public Task<int> DeleteForUserAsync(long userId, CancellationToken ct = default) =>
        db.ExecuteAsync("DELETE FROM web_sessions WHERE user_id = @userId", new { userId }, ct);

    /// <summary>Removes expired rows, so the table holds only sessions that could still sign somebody in.</summary>
    public Task<int> DeleteExpiredAsync(long now, CancellationToken ct = default) =>
        db.ExecuteAsync("DELETE FROM web_sessions WHERE expires_at <= @now", new { now }, ct);
}
