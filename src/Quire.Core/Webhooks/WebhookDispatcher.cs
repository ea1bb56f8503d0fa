using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quire.Storage.Webhooks;

namespace Quire.Core.Webhooks;

/// <summary>
/// Delivers webhook events, on every node that has <see cref="WebhookOptions.Deliver"/> on. Each
/// round fans new events out into deliveries, then claims due deliveries with a lease and starts
/// sending them without waiting: the deliveries of one entity to one webhook go out one after the
/// other in event order (a group), at most <see cref="WebhookOptions.Concurrency"/> requests are
/// open at once, and one webhook holds at most <see cref="WebhookOptions.ConcurrencyPerWebhook"/>
/// groups, so a slow or dead receiver delays only its own events. API requests never wait for any
/// of it: they only wrote the event. Finished groups hand their results to one recorder, which
/// writes many in one transaction; a retry holds back the rest of its entity's events until due.
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes, WebhookSignal signal, WebhookSender sender, WebhookOptions options, TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private const int FanOutBatch = 500;

    /// <summary>Claimed deliveries not yet recorded, per send slot: enough queued behind the open requests to keep them busy.</summary>
    private const int ClaimedPerSlot = 8;

    private const int RecordBatch = 1000;
    /// <summary>How often old log entries are pruned: every ten minutes, or as often as the retention itself if it is shorter.</summary>
    private TimeSpan PruneInterval => TimeSpan.FromMinutes(Math.Min(10, TimeSpan.FromDays(options.RetentionDays).TotalMinutes));

    private readonly Dictionary<long, int> _groupsPerWebhook = [];
    private readonly Lock _lock = new();
    private readonly Channel<GroupOutcome> _outcomes = Channel.CreateUnbounded<GroupOutcome>(new UnboundedChannelOptions { SingleReader = true });
    private SemaphoreSlim? _sendSlots;
    private int _unrecorded;
    private int _runningGroups;
    private long _nextPruneAt;

    /// <summary>What a group did: attempts to record, and claims it gave back unattempted.</summary>
    private sealed record GroupOutcome(List<WebhookAttemptResult> Results, List<(long Id, long LeasedUntil)> Released);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Deliver) return;
        Quire.Storage.Database.ExcludeFlowFromCommandCount();
        _sendSlots = new SemaphoreSlim(options.Concurrency);
        var recorder = Task.Run(() => RecordAsync(), CancellationToken.None);
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
        // Groups end quickly once stopping (their sends are cancelled); what they did is still recorded.
        while (Volatile.Read(ref _runningGroups) > 0) await Task.Delay(10, CancellationToken.None);
        _outcomes.Writer.Complete();
        await recorder;
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

        var room = options.Concurrency * ClaimedPerSlot - Volatile.Read(ref _unrecorded);
        if (room <= 0) return poll; // the recorder signals as it frees room
        long[] busy;
        lock (_lock) busy = [.. _groupsPerWebhook.Where(w => w.Value >= options.ConcurrencyPerWebhook).Select(w => w.Key)];

        var leaseUntil = now + (long)TimeSpan.FromSeconds(options.LeaseSeconds).TotalMilliseconds;
        var claimed = await deliveries.ClaimAsync(now, leaseUntil, room, busy, ct);
        Interlocked.Add(ref _unrecorded, claimed.Count);
        StartGroups(claimed, ct);
        // What is due but was not claimed waits behind an earlier delivery of its entity, or for a busy
        // webhook: both signal when they are recorded, and the poll covers another node's.
        return claimed.Count == room ? TimeSpan.Zero : poll;
    }

    /// <summary>Starts one sender per entity and webhook; the claims over a webhook's share go straight back.</summary>
    private void StartGroups(IReadOnlyList<WebhookSendRecord> claimed, CancellationToken ct)
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
            }
            Interlocked.Increment(ref _runningGroups);
            _ = Task.Run(() => SendGroupAsync(list, ct), CancellationToken.None);
        }
        if (surplus.Count > 0) _outcomes.Writer.TryWrite(new GroupOutcome([], surplus));
    }

    /// <summary>Sends one entity's deliveries to one webhook in order, stopping at the first that must be retried.</summary>
    private async Task SendGroupAsync(IReadOnlyList<WebhookSendRecord> group, CancellationToken ct)
    {
        var outcome = new GroupOutcome(new List<WebhookAttemptResult>(group.Count), []);
        try
        {
            var holding = false;
            foreach (var delivery in group)
            {
                // A send that could end after the claim's lease would race a node that claimed the delivery again.
                if (holding || ct.IsCancellationRequested || !LeaseOutlastsASend(delivery))
                {
                    outcome.Released.Add((delivery.Id, delivery.LeasedUntil));
                    continue;
                }
                if (await SendAsync(delivery, ct) is not { } result)
                {
                    outcome.Released.Add((delivery.Id, delivery.LeasedUntil));
                    continue;
                }
                outcome.Results.Add(result);
                holding = result.RetryAt is not null;
            }
        }
        finally
        {
            lock (_lock)
                if (--_groupsPerWebhook[group[0].WebhookId] == 0) _groupsPerWebhook.Remove(group[0].WebhookId);
            _outcomes.Writer.TryWrite(outcome);
            Interlocked.Decrement(ref _runningGroups);
        }
    }

    /// <summary>Whether the claim's lease still covers a whole attempt (its timeout and a margin) from now.</summary>
    private bool LeaseOutlastsASend(WebhookSendRecord delivery) =>
        time.NowMillis() + (long)(options.TimeoutSeconds * 1000) + LeaseMarginMillis < delivery.LeasedUntil;

    private const long LeaseMarginMillis = 5_000;

    /// <summary>One attempt in a send slot; null when the node stopped before it was made.</summary>
    private async Task<WebhookAttemptResult?> SendAsync(WebhookSendRecord delivery, CancellationToken ct)
    {
        try
        {
            await _sendSlots!.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        try
        {
            var attempt = await sender.SendAsync(
                new WebhookRequest(delivery.Url, delivery.Event, delivery.EventId, delivery.ExcludeBody ? "" : delivery.Payload, delivery.Secret,
                    delivery.Attempts, ConnectSigningOf(delivery)), ct);
            return Result(delivery, attempt);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception exception)
        {
            return Result(delivery, new WebhookAttempt(WebhookOutcome.Retry, null, exception.Message));
        }
        finally
        {
            _sendSlots.Release();
        }
    }

    /// <summary>
    /// Writes what groups did, as many as have finished in one transaction, until the dispatcher
    /// stops. A batch that cannot be written is dropped: its leases lapse and the deliveries are sent
    /// again (at least once, never lost).
    /// </summary>
    private async Task RecordAsync()
    {
        var batch = new List<GroupOutcome>();
        while (await _outcomes.Reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            var count = 0;
            while (count < RecordBatch && _outcomes.Reader.TryRead(out var outcome))
            {
                batch.Add(outcome);
                count += outcome.Results.Count + outcome.Released.Count;
            }
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<WebhookDeliveryStore>().RecordAsync(
                    [.. batch.SelectMany(o => o.Results)], [.. batch.SelectMany(o => o.Released)], time.NowMillis(), CancellationToken.None);
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Could not record {Count} webhook deliveries; their leases will lapse and they will be sent again", count);
            }
            Interlocked.Add(ref _unrecorded, -count);
            signal.Notify();
        }
    }

    /// <summary>An app's webhook is signed with a Connect JWT made with its installation's shared secret.</summary>
    private static ConnectSigning? ConnectSigningOf(WebhookSendRecord delivery) =>
        delivery is { AppClientKey: { } clientKey, AppSharedSecret: { } secret, AppBaseUrl: { } baseUrl }
            ? new ConnectSigning(clientKey, secret, baseUrl)
            : null;

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
