namespace Quire.Storage.Tasks;

/// <summary>
/// The durable queue of long-running tasks. Workers claim a task by writing their id and
/// a lease expiry; a task whose lease ran out (its worker died) can be claimed again.
/// </summary>
public sealed class LongTaskStore(DbSession db)
{
    private const string Columns =
        "id, type, name_key, name_args, payload, owner_id, status, percentage, finished, successful, messages, attempts, " +
        "claimed_by, claim_expires_at, created_at, started_at, finished_at";

    public Task InsertAsync(LongTaskRecord task, CancellationToken ct = default) =>
        db.ExecuteAsync(
            """
            INSERT INTO long_tasks (id, type, name_key, name_args, payload, owner_id, status, percentage, finished, successful, messages, attempts, created_at)
            VALUES (@Id, @Type, @NameKey, @NameArgs, @Payload, @OwnerId, @Status, 0, @Finished, @Successful, @Messages, 0, @CreatedAt)
            """, task, ct);

    public Task<LongTaskRecord?> FindAsync(string id, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<LongTaskRecord>($"SELECT {Columns} FROM long_tasks WHERE id = @id", new { id }, ct);

    /// <summary>Newest first; <paramref name="ownerId"/> null lists every user's tasks.</summary>
    public Task<IReadOnlyList<LongTaskRecord>> ListAsync(long? ownerId, int offset, int count, CancellationToken ct = default) =>
        db.QueryAsync<LongTaskRecord>(
            $"""
            SELECT {Columns} FROM long_tasks {(ownerId is null ? "" : "WHERE owner_id = @ownerId")}
            ORDER BY created_at DESC, id DESC LIMIT @count OFFSET @offset
            """, new { ownerId, offset, count }, ct);

    /// <summary>
    /// Whether some task could be claimed now: a read, so an idle worker's poll takes no write
    /// lock (on SQLite a claim's transaction takes the database's one write lock, and a worker
    /// polling every 200 ms would take it five times a second for nothing).
    /// </summary>
    public async Task<bool> AnyClaimableAsync(long now, CancellationToken ct = default) =>
        await db.ExecuteScalarAsync<long?>(
            "SELECT 1 FROM long_tasks WHERE finished = @notFinished AND (claimed_by IS NULL OR claim_expires_at < @now) LIMIT 1",
            new { now, notFinished = false }, ct) is not null;

    /// <summary>
    /// Claims the oldest unfinished task that nobody holds (or whose holder's lease expired)
    /// in one statement. PostgreSQL skips rows another node is claiming at this moment;
    /// SQLite serialises writers (the caller runs this in an IMMEDIATE transaction).
    /// </summary>
    public Task<LongTaskRecord?> ClaimNextAsync(string workerId, long now, long leaseMillis, CancellationToken ct = default)
    {
        var skipLocked = db.Dialect.LockRowsSkippingLocked;
        return db.QuerySingleOrDefaultAsync<LongTaskRecord>(
            $"""
            UPDATE long_tasks
            SET claimed_by = @workerId, claim_expires_at = @expires, attempts = attempts + 1,
                started_at = COALESCE(started_at, @now), status = @running
            WHERE id = (SELECT id FROM long_tasks
                        WHERE finished = @notFinished AND (claimed_by IS NULL OR claim_expires_at < @now)
                        ORDER BY created_at, id LIMIT 1 {skipLocked})
            RETURNING {Columns}
            """,
            new { workerId, now, expires = now + leaseMillis, running = "RUNNING", notFinished = false }, ct);
    }

    /// <summary>Records progress and extends the lease, as long as this worker still holds the task.</summary>
    public async Task<bool> ReportProgressAsync(
        string id, string workerId, int percentage, string messages, long leaseUntil, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            """
            UPDATE long_tasks SET percentage = @percentage, messages = @messages, claim_expires_at = @leaseUntil
            WHERE id = @id AND claimed_by = @workerId AND finished = @notFinished
            """, new { id, workerId, percentage, messages, leaseUntil, notFinished = false }, ct) > 0;

    /// <summary>
    /// Extends the lease of a worker that is still running the task (its heartbeat). Answers
    /// false when the task is no longer this worker's: another worker took it over, or it finished.
    /// </summary>
    public async Task<bool> RenewClaimAsync(string id, string workerId, long leaseUntil, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            "UPDATE long_tasks SET claim_expires_at = @leaseUntil WHERE id = @id AND claimed_by = @workerId AND finished = @notFinished",
            new { id, workerId, leaseUntil, notFinished = false }, ct) > 0;

    /// <summary>
    /// Records the outcome, as long as this worker still holds the task. Answers false, and
    /// changes nothing, when its lease ran out and another worker claimed the task meanwhile:
    /// that worker's run decides the outcome.
    /// </summary>
    public async Task<bool> CompleteAsync(
        string id, string workerId, bool successful, string status, string messages, long now, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            """
            UPDATE long_tasks SET finished = @finished, successful = @successful, status = @status, messages = @messages,
                                  percentage = CASE WHEN @successful THEN 100 ELSE percentage END,
                                  finished_at = @now, claimed_by = NULL, claim_expires_at = NULL
            WHERE id = @id AND claimed_by = @workerId AND finished = @notFinished
            """, new { id, workerId, finished = true, successful, status, messages, now, notFinished = false }, ct) > 0;

    /// <summary>Gives a task back to the queue (its worker is shutting down) so another claim need not wait for the lease.</summary>
    public Task ReleaseAsync(string id, string workerId, CancellationToken ct = default) =>
        db.ExecuteAsync(
            "UPDATE long_tasks SET claimed_by = NULL, claim_expires_at = NULL WHERE id = @id AND claimed_by = @workerId AND finished = @notFinished",
            new { id, workerId, notFinished = false }, ct);
}
