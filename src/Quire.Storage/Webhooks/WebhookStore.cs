namespace Quire.Storage.Webhooks;

/// <summary>
/// Rows of <c>webhooks</c> and their <c>webhook_subscriptions</c>: what a site admin registered.
/// A webhook and its events are written together by the caller's transaction.
/// </summary>
public sealed class WebhookStore(DbSession db)
{
    private const string Columns = "id, name, url, active, secret, app_key, exclude_body, created_by, created_at, updated_at";

    public Task<long> InsertAsync(WebhookRecord webhook, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<long>(
            """
            INSERT INTO webhooks (name, url, active, secret, app_key, exclude_body, created_by, created_at, updated_at)
            VALUES (@Name, @Url, @Active, @Secret, @AppKey, @ExcludeBody, @CreatedBy, @CreatedAt, @UpdatedAt) RETURNING id
            """, webhook, ct);

    /// <summary>Answers false when there is no such webhook.</summary>
    public async Task<bool> UpdateAsync(WebhookRecord webhook, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            "UPDATE webhooks SET name = @Name, url = @Url, active = @Active, secret = @Secret, updated_at = @UpdatedAt WHERE id = @Id",
            webhook, ct) > 0;

    /// <summary>
    /// Deletes the webhook with its subscriptions and deliveries; answers false when there was none.
    /// Takes the dispatchers' turn, since its deliveries go with it (call inside a transaction).
    /// </summary>
    public async Task<bool> DeleteAsync(long id, CancellationToken ct = default)
    {
        await WebhookDeliveryStore.TakeTurnAsync(db, ct);
        return await db.ExecuteAsync("DELETE FROM webhooks WHERE id = @id", new { id }, ct) > 0;
    }

    /// <summary>The webhooks an app's descriptor registered.</summary>
    public Task<IReadOnlyList<long>> IdsOfAppAsync(string appKey, CancellationToken ct = default) =>
        db.QueryAsync<long>("SELECT id FROM webhooks WHERE app_key = @appKey ORDER BY id", new { appKey }, ct);

    /// <summary>Switches every webhook of an app on or off (the app was enabled or disabled).</summary>
    public Task<int> SetActiveOfAppAsync(string appKey, bool active, long now, CancellationToken ct = default) =>
        db.ExecuteAsync("UPDATE webhooks SET active = @active, updated_at = @now WHERE app_key = @appKey", new { appKey, active, now }, ct);

    public Task<WebhookRecord?> FindAsync(long id, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<WebhookRecord>($"SELECT {Columns} FROM webhooks WHERE id = @id", new { id }, ct);

    /// <summary>Webhooks by name then id, <paramref name="count"/> from <paramref name="offset"/>.</summary>
    public Task<IReadOnlyList<WebhookRecord>> ListAsync(int offset, int count, CancellationToken ct = default) =>
        db.QueryAsync<WebhookRecord>(
            $"SELECT {Columns} FROM webhooks ORDER BY name, id LIMIT @count OFFSET @offset", new { offset, count }, ct);

    /// <summary>Replaces what the webhook subscribes to.</summary>
    public async Task SetEventsAsync(long webhookId, IReadOnlyCollection<string> events, CancellationToken ct = default)
    {
        await db.ExecuteAsync("DELETE FROM webhook_subscriptions WHERE webhook_id = @webhookId", new { webhookId }, ct);
        await db.ExecuteAsync(
            "INSERT INTO webhook_subscriptions (webhook_id, event) SELECT @webhookId, value FROM " + db.Dialect.ArrayRows("events"),
            new { webhookId, events = events.ToArray() }, ct);
    }

    /// <summary>The events each of the webhooks subscribes to, in name order: one query for a page of webhooks.</summary>
    public async Task<ILookup<long, string>> EventsOfAsync(IReadOnlyCollection<long> webhookIds, CancellationToken ct = default)
    {
        if (webhookIds.Count == 0) return Array.Empty<(long, string)>().ToLookup(r => r.Item1, r => r.Item2);
        var rows = await db.QueryAsync<(long WebhookId, string Event)>(
            $"SELECT webhook_id, event FROM webhook_subscriptions WHERE {db.InList("webhook_id", "ids")} ORDER BY webhook_id, event",
            new { ids = webhookIds.ToArray() }, ct);
        return rows.ToLookup(r => r.WebhookId, r => r.Event);
    }

    /// <summary>
    /// The events some active webhook subscribes to, each once for admins' webhooks and once for apps'
    /// (<c>ByApp</c>): what the outbox needs to know to skip the rest, and to check an app user's view only when an app listens.
    /// </summary>
    public Task<IReadOnlyList<SubscribedEvent>> SubscribedEventsAsync(CancellationToken ct = default) =>
        db.QueryAsync<SubscribedEvent>(
            """
            SELECT DISTINCT s.event, CASE WHEN w.app_key IS NULL THEN @no ELSE @yes END AS by_app
            FROM webhook_subscriptions s JOIN webhooks w ON w.id = s.webhook_id
            WHERE w.active = @active
            """, new { active = true, yes = true, no = false }, ct);
}
