using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quire.Storage.Webhooks;

namespace Quire.Core.Webhooks;

/// <summary>
/// Delivers webhook events, on every node that has <see cref="WebhookOptions.Deliver"/> on. Each
/// round fans new events out into deliveries, then claims due deliveries with a lease and sends
/// them without waiting for them: the deliveries of one entity to one webhook go out one after the
/// other in event order (a group), groups run side by side up to <see cref="WebhookOptions.Concurrency"/>,
/// and one webhook holds at most <see cref="WebhookOptions.ConcurrencyPerWebhook"/> groups, so a slow
/// or dead receiver delays only its own events. API requests never wait for any of it: they only
/// wrote the event. A group's results are recorded together when it ends; a retry holds back the
/// rest of its entity's events until it is due again.
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes, WebhookSignal signal, WebhookSender sender, WebhookOptions options, TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private const int FanOutBatch = 500;
    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(10);

    private readonly Dictionary<long, int> _groupsPerWebhook = [];
    private readonly HashSet<Task> _running = [];
    private readonly Lock _lock = new();
    private long _nextPruneAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Deliver) return;
        Quire.Storage.Database.ExcludeFlowFromCommandCount();
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = TimeSpan.FromSeconds(options.PollSeconds);
            try
            {
                wait = await RoundAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                // The database may be briefly unavailable; keep going rather than stop delivering.
                logger.LogWarning(exception, "Webhook dispatcher round failed");
            }
            if (wait <= TimeSpan.Zero) continue;
            try { await signal.WaitAsync(wait, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
        Task[] running;
        lock (_lock) running = [.. _running];
        await Task.WhenAll(running);
    }

    /// <summary>One round; answers how long to wait before the next (zero: there is more to do at once).</summary>
    private async Task<TimeSpan> RoundAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var events = scope.ServiceProvider.GetRequiredService<WebhookEventStore>();
        var deliveries = scope.ServiceProvider.GetRequiredService<WebhookDeliveryStore>();
        var now = time.NowMillis();

        if (await events.AnyToFanOutAsync(ct))
            while (await events.FanOutAsync(now, FanOutBatch, ct) == FanOutBatch) { }
        if (now >= _nextPruneAt)
        {
            await events.PruneAsync(now - (long)TimeSpan.FromDays(options.RetentionDays).TotalMilliseconds, ct);
            _nextPruneAt = now + (long)PruneInterval.TotalMilliseconds;
        }

        // Read first: an idle node takes no write lock (on SQLite a claim's transaction takes the database's one).
        var poll = TimeSpan.FromSeconds(options.PollSeconds);
        var nextDue = await deliveries.NextDueAtAsync(ct);
        if (nextDue is null) return poll;
        if (nextDue > now) return TimeSpan.FromMilliseconds(Math.Min(nextDue.Value - now, poll.TotalMilliseconds));

        int free;
        long[] busy;
        lock (_lock)
        {
            free = options.Concurrency - _running.Count;
            busy = [.. _groupsPerWebhook.Where(w => w.Value >= options.ConcurrencyPerWebhook).Select(w => w.Key)];
        }
        if (free <= 0) return poll; // a finishing group signals

        var leaseUntil = now + (long)TimeSpan.FromSeconds(options.LeaseSeconds).TotalMilliseconds;
        var claimed = await deliveries.ClaimAsync(now, leaseUntil, free, busy, ct);
        var surplus = StartGroups(claimed, ct);
        if (surplus.Count > 0) await deliveries.RecordAsync([], surplus, now, ct);
        // What is due but was not claimed waits behind an earlier delivery of its entity, or for a busy
        // webhook: both signal when they finish, and the poll covers another node's.
        return claimed.Count == free ? TimeSpan.Zero : poll;
    }

    /// <summary>Starts one sender per entity and webhook; answers the claims over a webhook's share, to give back.</summary>
    private List<(long Id, long LeasedUntil)> StartGroups(IReadOnlyList<WebhookSendRecord> claimed, CancellationToken ct)
    {
        var surplus = new List<(long, long)>();
        foreach (var group in claimed.GroupBy(d => (d.WebhookId, d.EntityKey)))
        {
            var list = group.OrderBy(d => d.Id).ToList();
            lock (_lock)
            {
                var held = _groupsPerWebhook.GetValueOrDefault(group.Key.WebhookId);
                if (held >= options.ConcurrencyPerWebhook)
                {
                    surplus.AddRange(list.Select(d => (d.Id, d.LeasedUntil)));
                    continue;
                }
                _groupsPerWebhook[group.Key.WebhookId] = held + 1;
                var task = Task.Run(() => SendGroupAsync(list, ct), CancellationToken.None);
                _running.Add(task);
                _ = task.ContinueWith(finished =>
                {
                    lock (_lock)
                    {
                        _running.Remove(finished);
                        if (--_groupsPerWebhook[group.Key.WebhookId] == 0) _groupsPerWebhook.Remove(group.Key.WebhookId);
                    }
                    signal.Notify();
                }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
        return surplus;
    }

    /// <summary>Sends one entity's deliveries to one webhook in order, stopping at the first that must be retried, and records the results.</summary>
    private async Task SendGroupAsync(IReadOnlyList<WebhookSendRecord> group, CancellationToken ct)
    {
        var results = new List<WebhookAttemptResult>(group.Count);
        var released = new List<(long, long)>();
        var holding = false;
        foreach (var delivery in group)
        {
            if (holding || ct.IsCancellationRequested)
            {
                released.Add((delivery.Id, delivery.LeasedUntil));
                continue;
            }
            WebhookAttempt attempt;
            try
            {
                attempt = await sender.SendAsync(
                    new WebhookRequest(delivery.Url, delivery.Event, delivery.EventId, delivery.Payload, delivery.Secret, delivery.Attempts), ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                released.Add((delivery.Id, delivery.LeasedUntil));
                continue;
            }
            catch (Exception exception)
            {
                attempt = new WebhookAttempt(WebhookOutcome.Retry, null, exception.Message);
            }
            var result = Result(delivery, attempt);
            results.Add(result);
            holding = result.RetryAt is not null;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<WebhookDeliveryStore>().RecordAsync(results, released, time.NowMillis(), CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The leases lapse and the deliveries are sent again: at least once, never lost.
            logger.LogWarning(exception, "Could not record {Count} webhook deliveries", results.Count);
        }
    }

    private WebhookAttemptResult Result(WebhookSendRecord delivery, WebhookAttempt attempt)
    {
        var attempts = delivery.Attempts + 1;
        if (attempt.Outcome == WebhookOutcome.Delivered)
            return new(delivery.Id, delivery.LeasedUntil, WebhookDeliveryStates.Delivered, attempt.Status, null, null);
        if (attempt.Outcome == WebhookOutcome.Retry && attempts < options.MaxAttempts)
            return new(delivery.Id, delivery.LeasedUntil, WebhookDeliveryStates.Pending, attempt.Status, attempt.Error,
                time.NowMillis() + (long)options.RetryDelay(attempts).TotalMilliseconds);
        return new(delivery.Id, delivery.LeasedUntil, WebhookDeliveryStates.Failed, attempt.Status, attempt.Error, null);
    }
}
