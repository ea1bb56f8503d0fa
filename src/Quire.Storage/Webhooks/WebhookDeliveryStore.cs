namespace Quire.Storage.Webhooks;

/// <summary>
/// Rows of <c>webhook_deliveries</c>: claimed by a dispatcher with a lease, sent, and recorded as
/// delivered, to retry, or failed. Two rules keep one entity's events in order for a webhook: a
/// delivery is claimable only when no earlier pending delivery of the same webhook and entity is
/// waiting for its retry or being sent, and a retry pushes the entity's later deliveries back to
/// its own time, so pending deliveries of one entity are due in id order.
/// </summary>
public sealed class WebhookDeliveryStore(DbSession db)
{
    /// <summary>Nodes claim one at a time (an advisory lock on PostgreSQL): two claims read before either commits could each take one of an entity's deliveries.</summary>
    private const long ClaimTurnKey = 7264921;

    private const string LogColumns =
        "d.id, d.webhook_id, d.event_id, e.event, d.entity_key, d.state, d.attempts, d.next_attempt_at, d.last_status, d.last_error, " +
        "d.last_attempt_at, d.finished_at, d.created_at";

    /// <summary>
    /// Leases up to <paramref name="count"/> due deliveries, oldest due first, skipping webhooks in
    /// <paramref name="busyWebhooks"/> (already sending as much as they may), and answers them with
    /// what sending needs.
    /// </summary>
    public Task<IReadOnlyList<WebhookSendRecord>> ClaimAsync(
        long now, long leaseUntil, int count, long[] busyWebhooks, CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            if (db.Dialect.TakeTurns(ClaimTurnKey) is { } turn) await db.ExecuteAsync(turn, ct: ct);
            var ids = await db.QueryAsync<long>(
                $"""
                UPDATE webhook_deliveries SET leased_until = @leaseUntil
                WHERE id IN (
                    SELECT d.id FROM webhook_deliveries d
                    WHERE d.state = @pending AND d.next_attempt_at <= @now AND d.leased_until <= @now
                      AND NOT {db.InList("d.webhook_id", "busyWebhooks")}
                      AND EXISTS (SELECT 1 FROM webhooks w WHERE w.id = d.webhook_id AND w.active = @active)
                      AND NOT EXISTS (
                          SELECT 1 FROM webhook_deliveries b
                          WHERE b.webhook_id = d.webhook_id AND b.entity_key = d.entity_key AND b.state = @pending AND b.id < d.id
                            AND (b.next_attempt_at > @now OR b.leased_until > @now))
                    ORDER BY d.next_attempt_at, d.id LIMIT @count)
                RETURNING id
                """, new { leaseUntil, now, count, busyWebhooks, active = true, pending = WebhookDeliveryStates.Pending }, ct);
            if (ids.Count == 0) return (IReadOnlyList<WebhookSendRecord>)[];
            return await db.QueryAsync<WebhookSendRecord>(
                $"""
                SELECT d.id, d.webhook_id, d.event_id, d.entity_key, d.attempts, d.leased_until, e.event, e.payload, w.url, w.secret
                FROM webhook_deliveries d
                JOIN webhook_events e ON e.id = d.event_id
                JOIN webhooks w ON w.id = d.webhook_id
                WHERE {db.InList("d.id", "ids")}
                ORDER BY d.id
                """, new { ids = ids.ToArray() }, ct);
        }, ct);

    /// <summary>
    /// Records what became of attempts, in one transaction. A result counts only while the delivery
    /// still holds the lease it was claimed with: one whose lease lapsed was claimed again elsewhere,
    /// and that attempt's result decides. <paramref name="released"/> are claimed deliveries that were
    /// not attempted (an earlier one of their entity failed): their lease is simply given back.
    /// </summary>
    public Task RecordAsync(
        IReadOnlyList<WebhookAttemptResult> results, IReadOnlyList<(long Id, long LeasedUntil)> released, long now, CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            foreach (var result in results)
            {
                var recorded = await db.ExecuteAsync(
                    """
                    UPDATE webhook_deliveries
                    SET state = @State, attempts = attempts + 1, last_status = @Status, last_error = @Error, last_attempt_at = @now,
                        next_attempt_at = COALESCE(@RetryAt, next_attempt_at), leased_until = 0,
                        finished_at = CASE WHEN @State = 'pending' THEN NULL ELSE @now END
                    WHERE id = @DeliveryId AND leased_until = @LeasedUntil
                    """, new { result.State, result.Status, result.Error, now, result.RetryAt, result.DeliveryId, result.LeasedUntil }, ct);
                if (recorded == 0 || result.RetryAt is not { } retryAt) continue;
                // The entity's later deliveries wait for this one's retry: due no earlier than it.
                await db.ExecuteAsync(
                    """
                    UPDATE webhook_deliveries SET next_attempt_at = @retryAt
                    WHERE state = @pending AND next_attempt_at < @retryAt AND id > @id
                      AND (webhook_id, entity_key) = (SELECT webhook_id, entity_key FROM webhook_deliveries WHERE id = @id)
                    """, new { retryAt, pending = WebhookDeliveryStates.Pending, id = result.DeliveryId }, ct);
            }
            foreach (var (id, leasedUntil) in released)
                await db.ExecuteAsync(
                    "UPDATE webhook_deliveries SET leased_until = 0 WHERE id = @id AND leased_until = @leasedUntil", new { id, leasedUntil }, ct);
        }, ct);

    /// <summary>When the next pending delivery falls due (null: none pending), so an idle dispatcher sleeps until then.</summary>
    public Task<long?> NextDueAtAsync(CancellationToken ct = default) =>
        db.ExecuteScalarAsync<long?>(
            "SELECT MIN(next_attempt_at) FROM webhook_deliveries WHERE state = @pending", new { pending = WebhookDeliveryStates.Pending }, ct);

    /// <summary>A webhook's deliveries, newest first, optionally in one state: its delivery log.</summary>
    public Task<IReadOnlyList<WebhookDeliveryRecord>> LogAsync(long webhookId, string? state, int offset, int count, CancellationToken ct = default) =>
        db.QueryAsync<WebhookDeliveryRecord>(
            $"""
            SELECT {LogColumns} FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
            WHERE d.webhook_id = @webhookId {(state is null ? "" : "AND d.state = @state")}
            ORDER BY d.id DESC LIMIT @count OFFSET @offset
            """, new { webhookId, state, offset, count }, ct);

    public Task<WebhookDeliveryRecord?> FindAsync(long webhookId, long deliveryId, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<WebhookDeliveryRecord>(
            $"SELECT {LogColumns} FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id WHERE d.id = @deliveryId AND d.webhook_id = @webhookId",
            new { webhookId, deliveryId }, ct);

    /// <summary>
    /// Sends a finished delivery again: back to pending, due now, with a fresh count of attempts.
    /// Answers false when it is not finished (still pending: it will be sent anyway).
    /// </summary>
    public async Task<bool> RedeliverAsync(long webhookId, long deliveryId, long now, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            """
            UPDATE webhook_deliveries SET state = @pending, attempts = 0, next_attempt_at = @now, leased_until = 0, finished_at = NULL
            WHERE id = @deliveryId AND webhook_id = @webhookId AND state <> @pending
            """, new { pending = WebhookDeliveryStates.Pending, now, deliveryId, webhookId }, ct) > 0;
}
