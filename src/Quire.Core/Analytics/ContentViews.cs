using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Storage.Analytics;

namespace Quire.Core.Analytics;

/// <summary>
/// Collects reads of content in memory, so that a read writes nothing to the database and takes
/// no lock: recording is a lock-free enqueue. The <see cref="ContentViewFlusher"/> stores them
/// in batches, one transaction each, and counting flushes first, so a node counts every view it
/// has seen. (Another node's views arrive within its flush interval.) At most
/// <see cref="Capacity"/> views wait: while the database refuses batches, later views are
/// dropped and counted rather than held without bound.
/// </summary>
public sealed class ContentViewRecorder
{
    /// <summary>About 55 seconds of reads at 3,600 a second, a few megabytes.</summary>
    public const int DefaultCapacity = 200_000;

    private readonly ConcurrentQueue<ContentView> _pending = new();
    private int _waiting;
    private long _dropped;

    /// <summary>One flush at a time, so a count that flushes first also waits for a batch the flusher is writing.</summary>
    private readonly SemaphoreSlim _flushing = new(1, 1);

    public ContentViewRecorder() : this(DefaultCapacity)
    {
    }

    public ContentViewRecorder(int capacity) => Capacity = capacity;

    /// <summary>How many views may wait for a flush.</summary>
    public int Capacity { get; }

    /// <summary>Views not recorded because <see cref="Capacity"/> were already waiting.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Record(long contentId, long userId, long at)
    {
        if (Interlocked.Increment(ref _waiting) > Capacity)
        {
            Interlocked.Decrement(ref _waiting);
            Interlocked.Increment(ref _dropped);
            return;
        }
        _pending.Enqueue(new ContentView(contentId, userId, at));
    }

    /// <summary>Writes every view recorded so far; when it returns, they are stored.</summary>
    public async Task FlushAsync(ContentViewStore store, CancellationToken ct)
    {
        await _flushing.WaitAsync(ct);
        try
        {
            var drained = new List<ContentView>();
            while (_pending.TryDequeue(out var view)) drained.Add(view);
            Interlocked.Add(ref _waiting, -drained.Count);
            await store.InsertAsync(drained, ct);
        }
        finally
        {
            _flushing.Release();
        }
    }
}

/// <summary>Stores the recorded views every couple of seconds, and what is left when the server stops.</summary>
public sealed class ContentViewFlusher(ContentViewRecorder recorder, IServiceScopeFactory scopes, ILogger<ContentViewFlusher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Quire.Storage.Database.ExcludeFlowFromCommandCount();
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await FlushAsync(CancellationToken.None);
        }
        catch (OperationCanceledException)
        {
        }
        await FlushAsync(CancellationToken.None);
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await recorder.FlushAsync(scope.ServiceProvider.GetRequiredService<ContentViewStore>(), ct);
        }
        catch (Exception exception)
        {
            // Views are statistics: a batch the database refuses (briefly unavailable) is dropped, not retried forever.
            logger.LogWarning(exception, "Could not store content views");
        }
    }
}

/// <summary>The Analytics group: views and distinct viewers of content the caller may see, since a date.</summary>
public sealed class AnalyticsService(ContentAccess contents, ContentViewRecorder recorder, ContentViewStore views)
{
    public Task<(long Id, long Count)> ViewsAsync(Caller caller, string? contentId, string? fromDate, CancellationToken ct = default) =>
        CountAsync(caller, contentId, fromDate, views.CountViewsAsync, ct);

    public Task<(long Id, long Count)> ViewersAsync(Caller caller, string? contentId, string? fromDate, CancellationToken ct = default) =>
        CountAsync(caller, contentId, fromDate, views.CountViewersAsync, ct);

    private async Task<(long, long)> CountAsync(
        Caller caller, string? contentId, string? fromDate, Func<long, long, CancellationToken, Task<long>> count, CancellationToken ct)
    {
        var from = From(fromDate);
        var (content, _) = await contents.ViewableAsync(caller, contentId, ct);
        await recorder.FlushAsync(views, ct);
        return (content.Id, await count(content.Id, from, ct));
    }

    /// <summary>An ISO-8601 date or date-time ("2021-03-21", "2021-03-21T00:00:00.000Z"); none counts every view.</summary>
    private static long From(string? fromDate)
    {
        if (string.IsNullOrWhiteSpace(fromDate)) return long.MinValue;
        return DateTimeOffset.TryParse(fromDate.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUnixTimeMilliseconds()
            : throw new BadRequestException($"fromDate must be an ISO-8601 date or date-time, not '{fromDate}'.");
    }
}
