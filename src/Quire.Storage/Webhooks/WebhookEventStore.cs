using Dapper;
using Quire.Storage.Visibility;

namespace Quire.Storage.Webhooks;

/// <summary>
/// The outbox, <c>webhook_events</c>: an event is inserted by the transaction of the change it
/// announces, so it commits (or rolls back) with it, and a dispatcher later fans it out into one
/// delivery per active webhook that subscribes to it.
/// </summary>
public sealed class WebhookEventStore(DbSession db)
{
    /// <summary>Nodes fan events out one at a time (an advisory lock on PostgreSQL), so one entity's deliveries keep their events' order.</summary>
    private const long FanOutTurnKey = 7264920;

    public Task<long> InsertAsync(string eventName, string entityKey, string payload, long now, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<long>(
            """
            INSERT INTO webhook_events (event, entity_key, payload, fanned_out, created_at)
            VALUES (@eventName, @entityKey, @payload, @fannedOut, @now) RETURNING id
            """, new { eventName, entityKey, payload, fannedOut = false, now }, ct);

    /// <summary>What a withheld delivery's log entry says, in place of an error.</summary>
    public const string WithheldBecause = "Withheld: the app's user may not view what the event is about.";

    /// <summary>
    /// Withholds event <paramref name="eventId"/> from every active app webhook subscribed to it whose
    /// app user may not view what it is about: one of <paramref name="contentIds"/> (its space's read
    /// permission, its read restrictions and its ancestors') or one of <paramref name="spaceIds"/> (read
    /// permission, also while the space is being deleted). Call in the transaction that raised the event,
    /// while what it describes still exists. Grants to anonymous count for app users while
    /// <paramref name="anonymousGrantsApply"/>, as they do for any signed-in user.
    /// </summary>
    public Task WithholdFromAppsAsync(
        long eventId, string eventName, long[] contentIds, long[] spaceIds, bool anonymousGrantsApply, CancellationToken ct = default)
    {
        var parameters = new DynamicParameters(new { eventId, eventName, contentIds, spaceIds, active = true });
        var read = ReadRule.For(db.Dialect).ForUserIn("a.user_id", anonymousGrantsApply, parameters);
        return db.ExecuteAsync(
            $"""
            INSERT INTO webhook_withheld (event_id, webhook_id)
            SELECT @eventId, w.id
            FROM webhook_subscriptions sub
            JOIN webhooks w ON w.id = sub.webhook_id AND w.active = @active
            JOIN connect_apps a ON a.app_key = w.app_key
            WHERE sub.event = @eventName
              AND (EXISTS (SELECT 1 FROM content c JOIN spaces s ON s.id = c.space_id
                           WHERE {db.InList("c.id", "contentIds")} AND ({read.SpaceGrant("s")} AND {read.Content("c")}) IS NOT TRUE)
                   OR EXISTS (SELECT 1 FROM spaces s WHERE {db.InList("s.id", "spaceIds")} AND ({read.SpaceGrant("s")}) IS NOT TRUE))
            """, parameters, ct);
    }

    /// <summary>
    /// Fans out up to <paramref name="batch"/> of the oldest events not yet fanned out: marks them done
    /// and creates, for exactly those, one pending delivery per active webhook subscribed to each, in
    /// event order; a delivery the event was withheld from (<see cref="WithholdFromAppsAsync"/>) is
    /// written <c>withheld</c>, finished as it is created and never sent. Answers how many events it took. An event nobody subscribes to any more is marked
    /// done with no delivery. Marking first and inserting for the ids it marked matters on PostgreSQL,
    /// where each statement sees what committed before it: an event that commits between two
    /// statements must be either fanned out or left for the next round, never marked without deliveries.
    /// </summary>
    public Task<int> FanOutAsync(long now, int batch, CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            if (db.Dialect.TakeTurns(FanOutTurnKey) is { } turn) await db.ExecuteAsync(turn, ct: ct);
            var ids = await db.QueryAsync<long>(
                """
                UPDATE webhook_events SET fanned_out = @yes
                WHERE id IN (SELECT id FROM webhook_events WHERE fanned_out = @no ORDER BY id LIMIT @batch)
                RETURNING id
                """, new { yes = true, no = false, batch }, ct);
            if (ids.Count == 0) return 0;
            await db.ExecuteAsync(
                $"""
                INSERT INTO webhook_deliveries (webhook_id, event_id, entity_key, state, attempts, next_attempt_at, leased_until, last_error, finished_at, created_at)
                SELECT s.webhook_id, e.id, e.entity_key,
                       CASE WHEN h.event_id IS NULL THEN @pending ELSE @withheld END, 0, @now, 0,
                       CASE WHEN h.event_id IS NULL THEN NULL ELSE @withheldBecause END,
                       CASE WHEN h.event_id IS NULL THEN NULL ELSE @now END, @now
                FROM webhook_events e
                JOIN webhook_subscriptions s ON s.event = e.event
                JOIN webhooks w ON w.id = s.webhook_id AND w.active = @active
                LEFT JOIN webhook_withheld h ON h.event_id = e.id AND h.webhook_id = s.webhook_id
                WHERE {db.InList("e.id", "ids")}
                ORDER BY e.id, s.webhook_id
                """, new
                {
                    pending = WebhookDeliveryStates.Pending, withheld = WebhookDeliveryStates.Withheld, withheldBecause = WithheldBecause,
                    now, active = true, ids = ids.ToArray(),
                }, ct);
            return ids.Count;
        }, ct);

    /// <summary>Whether any event waits to be fanned out: a read, so an idle dispatcher takes no write lock.</summary>
    public async Task<bool> AnyToFanOutAsync(CancellationToken ct = default) =>
        await db.ExecuteScalarAsync<long?>("SELECT id FROM webhook_events WHERE fanned_out = @no LIMIT 1", new { no = false }, ct) is not null;

    /// <summary>
    /// Drops events older than <paramref name="cutoff"/> whose deliveries are all over (their log
    /// goes with them); events still being delivered stay whatever their age. Ids grow with time, so
    /// the old events are the ids below the first young one: found by walking the primary key from
    /// the oldest, which passes only what is to go (and what still waits), with no index on the
    /// creation time for every raised event to write.
    /// </summary>
    public Task<int> PruneAsync(long cutoff, CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            // Its deliveries go with the events, so it takes the turn of what changes deliveries in bulk.
            await WebhookDeliveryStore.TakeTurnAsync(db, ct);
            var firstKept = await db.ExecuteScalarAsync<long?>(
                "SELECT id FROM webhook_events WHERE created_at >= @cutoff ORDER BY id LIMIT 1", new { cutoff }, ct) ?? long.MaxValue;
            return await db.ExecuteAsync(
            """
            DELETE FROM webhook_events
            WHERE id < @firstKept AND fanned_out = @yes
              AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = webhook_events.id AND d.state = @pending)
            """, new { firstKept, yes = true, pending = WebhookDeliveryStates.Pending }, ct);
        }, ct);
}
