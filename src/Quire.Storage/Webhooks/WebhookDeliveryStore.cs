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
    /// <summary>
    /// What changes deliveries in bulk takes turns across nodes (an advisory lock on PostgreSQL): two
    /// claims read before either commits could each take one of an entity's deliveries, and a claim,
    /// a recording and a webhook's deletion (which deletes its deliveries) lock many rows each, in
    /// orders of their own, which could otherwise deadlock.
    /// </summary>
    public const long DeliveriesTurnKey = 7264921;

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
            await TakeTurnAsync(db, ct);
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
                SELECT d.id, d.webhook_id, d.event_id, d.entity_key, d.attempts, d.leased_until, e.event, e.payload, w.url, w.secret,
                       w.exclude_body, a.client_key AS app_client_key, a.shared_secret AS app_shared_secret, a.base_url AS app_base_url
                FROM webhook_deliveries d
                JOIN webhook_events e ON e.id = d.event_id
                JOIN webhooks w ON w.id = d.webhook_id
                LEFT JOIN connect_apps a ON a.app_key = w.app_key
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
            await TakeTurnAsync(db, ct);
            foreach (var result in results.OrderBy(r => r.DeliveryId))
            {
                var recorded = await db.ExecuteAsync(
                    """
                    UPDATE webhook_deliveries
                    SET state = @State, attempts = attempts + 1, last_status = @Status, last_error = @Error, last_attempt_at = @now,
                        -- A retry of a webhook switched off meanwhile pauses with the rest of its deliveries.
                        next_attempt_at = CASE WHEN @RetryAt IS NULL THEN next_attempt_at
                                               WHEN EXISTS (SELECT 1 FROM webhooks w WHERE w.id = webhook_id AND w.active = @active) THEN @RetryAt
                                               ELSE @paused END,
                        leased_until = 0,
                        finished_at = CASE WHEN @State = 'pending' THEN NULL ELSE @now END
                    WHERE id = @DeliveryId AND leased_until = @LeasedUntil
                    """, new { result.State, result.Status, result.Error, now, result.RetryAt, result.DeliveryId, result.LeasedUntil, active = true, paused = Paused }, ct);
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

    /// <summary>Takes this transaction's turn at changing deliveries in bulk (see <see cref="DeliveriesTurnKey"/>).</summary>
    public static async Task TakeTurnAsync(DbSession db, CancellationToken ct)
    {
        if (db.Dialect.TakeTurns(DeliveriesTurnKey) is { } turn) await db.ExecuteAsync(turn, ct: ct);
    }

    /// <summary>
    /// When the next pending delivery falls due (null: none), so an idle dispatcher sleeps until then.
    /// A switched-off webhook's deliveries are due at <see cref="Paused"/>, never.
    /// </summary>
    public Task<long?> NextDueAtAsync(CancellationToken ct = default) =>
        db.ExecuteScalarAsync<long?>(
            "SELECT MIN(next_attempt_at) FROM webhook_deliveries WHERE state = @pending", new { pending = WebhookDeliveryStates.Pending }, ct);

    /// <summary>The due time of a switched-off webhook's pending deliveries: they wait, unclaimed and unpolled, until it is switched on.</summary>
    public const long Paused = long.MaxValue;

    /// <summary>
    /// Pauses a webhook's pending deliveries (it was switched off) or makes them due now (switched on
    /// again). All of an entity's get the same time, so they stay due in id order.
    /// </summary>
    public Task PauseAsync(long webhookId, bool paused, long now, CancellationToken ct = default) =>
        db.ExecuteAsync(
            paused
                ? "UPDATE webhook_deliveries SET next_attempt_at = @paused WHERE webhook_id = @webhookId AND state = @pending"
                : "UPDATE webhook_deliveries SET next_attempt_at = @now WHERE webhook_id = @webhookId AND state = @pending AND next_attempt_at = @paused",
            new { webhookId, now, paused = Paused, pending = WebhookDeliveryStates.Pending }, ct);

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
    /// Sends a delivered or failed delivery again: back to pending, due now, with a fresh count of
    /// attempts. Answers false for any other (still pending: it will be sent anyway; withheld: it
    /// never may be).
    /// </summary>
    public async Task<bool> RedeliverAsync(long webhookId, long deliveryId, long now, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            """
            UPDATE webhook_deliveries SET state = @pending, attempts = 0, next_attempt_at = @now, leased_until = 0, finished_at = NULL
            WHERE id = @deliveryId AND webhook_id = @webhookId AND state IN (@delivered, @failed)
            """, new { pending = WebhookDeliveryStates.Pending, delivered = WebhookDeliveryStates.Delivered, failed = WebhookDeliveryStates.Failed,
                now, deliveryId, webhookId }, ct) > 0;
}
