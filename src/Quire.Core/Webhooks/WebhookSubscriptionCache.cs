using Quire.Storage.Webhooks;

namespace Quire.Core.Webhooks;

/// <summary>
/// The events some active webhook subscribes to, cached so that a change nobody listens for costs
/// the outbox nothing: no payload built, no row written. A webhook written through this process
/// drops the cache once its transaction commits; on PostgreSQL the write also announces itself to
/// every other node (<see cref="ChangeChannel"/>). What no announcement reaches (the command line
/// on SQLite while a server runs) holds after <see cref="TimeToLive"/> at most.
/// </summary>
public sealed class WebhookSubscriptionCache(TimeProvider time)
    : GenerationCache<IReadOnlyDictionary<string, WebhookSubscriptionCache.Wanted>>(time, TimeToLive)
{
    public const string ChangeChannel = "quire_webhooks";

    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(1);

    /// <summary>Who wants an event: nobody, only webhooks a site admin registered, or also an app's (whose user must be able to view it).</summary>
    public enum Wanted { No, ByAdminsOnly, AlsoByApps }

    /// <summary>Who wants <paramref name="eventName"/>, loading the subscriptions when the cache is stale.</summary>
    public async ValueTask<Wanted> WantedAsync(string eventName, WebhookStore store, CancellationToken ct) =>
        (await GetAsync(async () => (await store.SubscribedEventsAsync(ct))
            .GroupBy(s => s.Event)
            .ToDictionary(g => g.Key, g => g.Any(s => s.ByApp) ? Wanted.AlsoByApps : Wanted.ByAdminsOnly)))
        .GetValueOrDefault(eventName, Wanted.No);

    /// <summary>Drops every node's cached subscriptions once <paramref name="db"/>'s transaction commits (a webhook was written).</summary>
    public async Task AnnounceChangeAsync(Quire.Storage.DbSession db, CancellationToken ct)
    {
        if (db.Dialect.ServesManyNodes) await db.ExecuteAsync($"NOTIFY {ChangeChannel}", ct: ct);
        db.AfterCommit(Invalidate);
    }
}
