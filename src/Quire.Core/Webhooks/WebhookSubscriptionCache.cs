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
{
    public const string ChangeChannel = "quire_webhooks";

    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(1);

    private sealed record Entry(HashSet<string> Events, long LoadedAt, long Generation);

    private Entry? _entry;
    private long _generation;

    /// <summary>Whether an active webhook subscribes to <paramref name="eventName"/>, loading the subscriptions when the cache is stale.</summary>
    public async ValueTask<bool> WantsAsync(string eventName, WebhookStore store, CancellationToken ct)
    {
        var generation = Interlocked.Read(ref _generation);
        var entry = Volatile.Read(ref _entry);
        if (entry is null || entry.Generation != generation ||
            time.GetTimestamp() - entry.LoadedAt >= TimeToLive.TotalSeconds * time.TimestampFrequency)
        {
            entry = new Entry([.. await store.SubscribedEventsAsync(ct)], time.GetTimestamp(), generation);
            // Kept only if nothing changed while it loaded; the next call loads again otherwise.
            if (Interlocked.Read(ref _generation) == generation) Volatile.Write(ref _entry, entry);
        }
        return entry.Events.Contains(eventName);
    }

    public void Invalidate() => Interlocked.Increment(ref _generation);
}
