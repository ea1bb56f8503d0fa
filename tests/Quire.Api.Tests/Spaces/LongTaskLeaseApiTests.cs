using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Quire.Api.Tests.Infrastructure;
using Quire.Core;
using Quire.Core.Tasks;
using Quire.Storage;
using Quire.Storage.Tasks;

namespace Quire.Api.Tests.Spaces;

/// <summary>
/// Claims on long tasks (issue 20): a worker renews its claim while its handler runs, another
/// worker takes a task over only once its owner stopped renewing, and only the holder records
/// the outcome. Two runners in one process stand for two nodes on one database; a manual clock
/// drives the lease and the heartbeat, so nothing depends on how fast the machine is.
/// </summary>
public abstract class LongTaskLeaseApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private static readonly LongTaskOptions Options = new() { Lease = TimeSpan.FromSeconds(30), HeartbeatInterval = TimeSpan.FromSeconds(10) };

    /// <summary>Generous bound on real time for the background heartbeat to act; only reached when a test fails.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task A_handler_running_longer_than_the_lease_keeps_its_task_and_succeeds_once()
    {
        await using var server = await QuietServerAsync();
        var clock = new ManualClock(DateTimeOffset.UnixEpoch.AddYears(50));
        var handler = new GatedHandler("gated-" + Unique());
        var taskId = await QueueAsync(server, handler.Type);

        await using var scopeA = server.Services.CreateAsyncScope();
        await using var scopeB = server.Services.CreateAsyncScope();
        var runnerA = Runner(scopeA.ServiceProvider, handler, clock);
        handler.Session = scopeA.ServiceProvider.GetRequiredService<DbSession>();
        var runnerB = Runner(scopeB.ServiceProvider, handler, clock);
        var runA = Task.Run(() => runnerA.RunNextAsync("worker-a", CancellationToken.None));
        await handler.Started.Task.WaitAsync(Patience);

        // Four leases' worth of time: each heartbeat extends the lease, and worker B finds nothing to claim.
        for (var beat = 1; beat <= 12; beat++)
        {
            await clock.WaitForTimerAsync(Patience);
            clock.Advance(Options.HeartbeatInterval);
            var renewedUntil = clock.NowMillis() + (long)Options.Lease.TotalMilliseconds;
            await WaitUntilAsync(async () => (await FindAsync(server, taskId)).ClaimExpiresAt == renewedUntil);
            Assert.False(await runnerB.RunNextAsync("worker-b", CancellationToken.None));
        }

        handler.Release.SetResult();
        Assert.True(await runA.WaitAsync(Patience));
        var done = await FindAsync(server, taskId);
        Assert.Equal(LongTaskService.Succeeded, done.Status);
        Assert.True(done.Finished);
        Assert.True(done.Successful);
        Assert.Equal(1, done.Attempts);
        Assert.Equal(1, handler.Runs);
        Assert.False(await runnerB.RunNextAsync("worker-b", CancellationToken.None));
    }

    [SkippableFact]
    public async Task A_task_whose_owner_stopped_renewing_is_taken_over_after_the_lease_and_completes()
    {
        await using var server = await QuietServerAsync();
        var clock = new ManualClock(DateTimeOffset.UnixEpoch.AddYears(50));
        var handler = new GatedHandler("gated-" + Unique());
        handler.Release.SetResult();
        var taskId = await QueueAsync(server, handler.Type);

        // Worker A claims the task and dies at once: no heartbeat ever renews its claim.
        await using (var dead = server.Services.CreateAsyncScope())
        {
            var db = dead.ServiceProvider.GetRequiredService<DbSession>();
            var claimed = await db.InTransactionAsync(() => dead.ServiceProvider.GetRequiredService<LongTaskStore>()
                .ClaimNextAsync("worker-a", clock.NowMillis(), (long)Options.Lease.TotalMilliseconds));
            Assert.Equal(taskId, claimed?.Id);
        }

        await using var scopeB = server.Services.CreateAsyncScope();
        var runnerB = Runner(scopeB.ServiceProvider, handler, clock);
        clock.Advance(Options.Lease - TimeSpan.FromSeconds(1));
        Assert.False(await runnerB.RunNextAsync("worker-b", CancellationToken.None));
        Assert.Equal(0, handler.Runs);

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(await runnerB.RunNextAsync("worker-b", CancellationToken.None));
        var done = await FindAsync(server, taskId);
        Assert.Equal(LongTaskService.Succeeded, done.Status);
        Assert.True(done.Successful);
        Assert.Equal(2, done.Attempts);
        Assert.Equal(1, handler.Runs);
    }

    [SkippableFact]
    public async Task A_worker_whose_task_was_taken_over_stops_its_handler_and_records_nothing()
    {
        await using var server = await QuietServerAsync();
        var clock = new ManualClock(DateTimeOffset.UnixEpoch.AddYears(50));
        var handler = new GatedHandler("gated-" + Unique());
        var taskId = await QueueAsync(server, handler.Type);

        await using var scopeA = server.Services.CreateAsyncScope();
        var runA = Task.Run(() => Runner(scopeA.ServiceProvider, handler, clock).RunNextAsync("worker-a", CancellationToken.None));
        await handler.Started.Task.WaitAsync(Patience);

        // As if A's renewals had been lost long enough for worker B to claim the task.
        await using (var scope = server.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DbSession>().ExecuteAsync(
                "UPDATE long_tasks SET claimed_by = 'worker-b', attempts = 2 WHERE id = @taskId", new { taskId });
        await clock.WaitForTimerAsync(Patience);
        clock.Advance(Options.HeartbeatInterval);

        // A's next heartbeat finds the claim gone: its handler is cancelled and A records no outcome.
        Assert.True(await runA.WaitAsync(Patience));
        Assert.True(handler.Cancelled);
        var running = await FindAsync(server, taskId);
        Assert.False(running.Finished);
        Assert.Equal("worker-b", running.ClaimedBy);
        Assert.Equal(LongTaskService.Running, running.Status);
    }

    [SkippableFact]
    public async Task A_worker_taken_over_before_its_heartbeat_noticed_commits_nothing()
    {
        await using var server = await QuietServerAsync();
        var clock = new ManualClock(DateTimeOffset.UnixEpoch.AddYears(50));
        var (handler, taskId) = await WritingTaskAsync(server);

        await using var scopeA = server.Services.CreateAsyncScope();
        handler.Session = scopeA.ServiceProvider.GetRequiredService<DbSession>();
        var runA = Task.Run(() => Runner(scopeA.ServiceProvider, handler, clock).RunNextAsync("worker-a", CancellationToken.None));
        await handler.Started.Task.WaitAsync(Patience);

        // A's renewals are late (its clock never reaches the next heartbeat) and worker B took the task over meanwhile.
        await using (var scope = server.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DbSession>().ExecuteAsync(
                "UPDATE long_tasks SET claimed_by = 'worker-b', attempts = 2 WHERE id = @taskId", new { taskId });
        handler.Release.SetResult();

        // A's transaction checks the claim before it commits: it rolls back, and A records no outcome.
        Assert.True(await runA.WaitAsync(Patience));
        Assert.True(handler.Cancelled);
        Assert.Equal("test.task", (await FindAsync(server, handler.TargetTaskId)).NameKey);
        var running = await FindAsync(server, taskId);
        Assert.False(running.Finished);
        Assert.Equal("worker-b", running.ClaimedBy);
    }

    [SkippableFact]
    public async Task A_worker_that_holds_its_claim_commits_and_renews_it_with_the_commit()
    {
        await using var server = await QuietServerAsync();
        var clock = new ManualClock(DateTimeOffset.UnixEpoch.AddYears(50));
        var (handler, taskId) = await WritingTaskAsync(server);

        await using var scopeA = server.Services.CreateAsyncScope();
        handler.Session = scopeA.ServiceProvider.GetRequiredService<DbSession>();
        handler.Release.SetResult();
        Assert.True(await Runner(scopeA.ServiceProvider, handler, clock).RunNextAsync("worker-a", CancellationToken.None));

        Assert.False(handler.Cancelled);
        Assert.Equal("written by worker a", (await FindAsync(server, handler.TargetTaskId)).NameKey);
        Assert.Equal(LongTaskService.Succeeded, (await FindAsync(server, taskId)).Status);
    }

    [SkippableFact]
    public async Task An_idle_worker_polls_without_taking_the_write_lock()
    {
        await using var server = await QuietServerAsync();
        var clock = new ManualClock(DateTimeOffset.UnixEpoch.AddYears(50));
        await using var scope = server.Services.CreateAsyncScope();
        var runner = Runner(scope.ServiceProvider, new GatedHandler("idle-" + Unique()), clock);

        // Another writer holds SQLite's one write lock (PostgreSQL has none to hold); an idle poll
        // finds nothing to claim at once, where a claim's transaction would wait out the busy timeout.
        await using var writer = await server.Services.GetRequiredService<Database>().OpenConnectionAsync();
        await using (var begin = writer.CreateCommand())
        {
            begin.CommandText = server.Services.GetRequiredService<Database>().Provider == DatabaseProvider.Sqlite ? "BEGIN IMMEDIATE" : "BEGIN";
            await begin.ExecuteNonQueryAsync();
        }
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        Assert.False(await runner.RunNextAsync("worker-idle", patience.Token));
        await using var rollback = writer.CreateCommand();
        rollback.CommandText = "ROLLBACK";
        await rollback.ExecuteNonQueryAsync();
    }

    /// <summary>A queued task for a <see cref="WritingHandler"/>, and the row it writes: a finished task nobody claims.</summary>
    private static async Task<(WritingHandler Handler, string TaskId)> WritingTaskAsync(QuireServer server)
    {
        var handler = new WritingHandler("writing-" + Unique());
        var taskId = await QueueAsync(server, handler.Type);
        handler.TargetTaskId = await QueueAsync(server, "target-" + Unique());
        await using var scope = server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DbSession>().ExecuteAsync(
            "UPDATE long_tasks SET finished = @finished WHERE id = @id", new { finished = true, id = handler.TargetTaskId });
        return (handler, taskId);
    }

    /// <summary>A server on a fresh database whose own worker is stopped, so only the test's runners claim tasks.</summary>
    private async Task<QuireServer> QuietServerAsync()
    {
        var server = new QuireServer(Server.Engine, await Fixture.FreshDatabaseAsync());
        _ = server.Server;
        await server.Services.GetServices<IHostedService>().OfType<LongTaskWorker>().Single().StopAsync(CancellationToken.None);
        return server;
    }

    private static async Task<string> QueueAsync(QuireServer server, string type)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var task = await scope.ServiceProvider.GetRequiredService<LongTaskService>().EnqueueAsync(type, "test.task", new { }, null);
        return task.Id;
    }

    private static async Task<LongTaskRecord> FindAsync(QuireServer server, string taskId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<LongTaskStore>().FindAsync(taskId))!;
    }

    private static LongTaskRunner Runner(IServiceProvider services, ILongTaskHandler handler, TimeProvider clock) =>
        new(services.GetRequiredService<DbSession>(), services.GetRequiredService<LongTaskStore>(), [handler],
            new LongTaskHeartbeat(services.GetRequiredService<Database>(), Options, clock, NullLogger<LongTaskHeartbeat>.Instance),
            Options, clock, NullLogger<LongTaskRunner>.Instance);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The heartbeat did not renew the claim.");
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// Runs until released. On PostgreSQL it holds a transaction open meanwhile, as the page-tree
    /// copy does, so a renewal made on the handler's own session would not be seen by other
    /// workers. (SQLite's transactions take the database's write lock, which would hold up every
    /// other writer, renewals included; it has one node per database.)
    /// </summary>
    private sealed class GatedHandler(string type) : ILongTaskHandler
    {
        private int _runs;
        public string Type => type;
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Runs => Volatile.Read(ref _runs);
        public bool Cancelled { get; private set; }
        /// <summary>The running worker's session, for the transaction held open on PostgreSQL.</summary>
        public DbSession? Session { get; set; }

        public async Task RunAsync(LongTaskContext context, CancellationToken ct)
        {
            Interlocked.Increment(ref _runs);
            try
            {
                if (Session is { Provider: DatabaseProvider.Postgres } session)
                    await session.InTransactionAsync(async () =>
                    {
                        await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM long_tasks", ct: ct);
                        Started.TrySetResult();
                        await Release.Task.WaitAsync(ct);
                    }, ct);
                else
                {
                    Started.TrySetResult();
                    await Release.Task.WaitAsync(ct);
                }
            }
            catch (OperationCanceledException)
            {
                Cancelled = true;
                throw;
            }
        }
    }

    /// <summary>Waits until released, then writes a row in one transaction of the worker's session.</summary>
    private sealed class WritingHandler(string type) : ILongTaskHandler
    {
        public string Type => type;
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public bool Cancelled { get; private set; }
        public DbSession? Session { get; set; }
        public string TargetTaskId { get; set; } = "";

        public async Task RunAsync(LongTaskContext context, CancellationToken ct)
        {
            Started.TrySetResult();
            await Release.Task.WaitAsync(ct);
            try
            {
                await Session!.InTransactionAsync(() => Session.ExecuteAsync(
                    "UPDATE long_tasks SET name_key = 'written by worker a' WHERE id = @TargetTaskId", new { TargetTaskId }, ct), ct);
            }
            catch (OperationCanceledException)
            {
                Cancelled = true;
                throw;
            }
        }
    }

    /// <summary>A clock that moves only when told to, firing the timers (heartbeat delays) that fall due.</summary>
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private readonly Lock _gate = new();
        private readonly List<ManualTimer> _timers = [];
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() { lock (_gate) return _now; }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new ManualTimer(this, callback, state);
            timer.Change(dueTime, period);
            return timer;
        }

        /// <summary>Waits until some timer is pending, so that advancing the clock fires it.</summary>
        public async Task WaitForTimerAsync(TimeSpan patience)
        {
            var deadline = DateTime.UtcNow + patience;
            while (true)
            {
                lock (_gate) if (_timers.Count > 0) return;
                Assert.True(DateTime.UtcNow < deadline, "No timer was set.");
                await Task.Delay(10);
            }
        }

        public void Advance(TimeSpan by)
        {
            List<ManualTimer> due;
            lock (_gate)
            {
                _now += by;
                due = _timers.Where(t => t.DueAt <= _now).ToList();
                foreach (var timer in due)
                {
                    if (timer.Period is { } period) timer.DueAt = _now + period;
                    else _timers.Remove(timer);
                }
            }
            foreach (var timer in due) timer.Fire();
        }

        private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
        {
            public DateTimeOffset DueAt { get; set; }
            public TimeSpan? Period { get; private set; }

            public void Fire() => callback(state);

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                lock (clock._gate)
                {
                    clock._timers.Remove(this);
                    if (dueTime == Timeout.InfiniteTimeSpan) return true;
                    DueAt = clock._now + dueTime;
                    Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
                    clock._timers.Add(this);
                }
                return true;
            }

            public void Dispose() { lock (clock._gate) clock._timers.Remove(this); }

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LongTaskLeaseApiTestsOnSqlite(SqliteServerFixture fixture) : LongTaskLeaseApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class LongTaskLeaseApiTestsOnPostgres(PostgresServerFixture fixture) : LongTaskLeaseApiTests(fixture);
