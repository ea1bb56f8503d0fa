using Quire.Storage;

namespace Quire.Core.Tests;

/// <summary>
/// SQLite's group commit (SqliteWriter): writers that queue while one holds the turn run, each in a savepoint, in that one's
/// transaction, which commits once for all. Here a first writer holds the turn until the others are queued behind it, so they
/// are sure to share its transaction: one that fails must leave the others' work committed and nothing of its own, a COMMIT
/// that fails must fail every one of them, and what runs after a commit must run only for work that committed.
/// </summary>
public sealed class GroupCommitTests
{
    private static readonly string[] Schema =
    [
        "CREATE TABLE probe (x INTEGER PRIMARY KEY)",
        "CREATE TABLE parent (id INTEGER PRIMARY KEY)",
        "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)",
        "CREATE TABLE chunk (id INTEGER PRIMARY KEY, data BLOB NOT NULL)",
    ];

    private sealed class Writers : IAsyncDisposable
    {
        private readonly List<DbSession> _sessions = [];
        private readonly TaskCompletionSource _go = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public required MigratedSqliteDatabase Sqlite { get; init; }

        public List<string> Committed { get; } = [];

        /// <summary>The first writer: holds the turn, inside its transaction, until <see cref="LineUpAsync"/> lets it go.</summary>
        public Task<int> First { get; private set; } = null!;

        public static async Task<Writers> StartAsync(string purpose, Func<DbSession, Task<int>> firstWork)
        {
            var writers = new Writers { Sqlite = await MigratedSqliteDatabase.CreateAsync(purpose) };
            // The first writer holds its transaction open while the test lines the others up: longer than a batch may last.
            writers.Sqlite.Database.Writer!.MaxAge = TimeSpan.FromMinutes(5);
            await using (var setup = new DbSession(writers.Sqlite.Database))
                foreach (var statement in Schema) await setup.ExecuteAsync(statement);
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            writers.First = writers.Run("first", async session =>
            {
                var rows = await firstWork(session);
                started.SetResult();
                await writers._go.Task;
                return rows;
            });
            await started.Task;
            return writers;
        }

        /// <summary>A writer's transaction; what it registers to run after its commit records its name.</summary>
        public Task<int> Run(string name, Func<DbSession, Task<int>> work, CancellationToken ct = default)
        {
            var session = new DbSession(Sqlite.Database);
            _sessions.Add(session);
            return session.InTransactionAsync(async () =>
            {
                session.AfterCommit(() => { lock (Committed) Committed.Add(name); });
                return await work(session);
            }, ct);
        }

        /// <summary>Waits until <paramref name="queued"/> writers wait for the turn, then lets the first one end.</summary>
        public async Task LineUpAsync(int queued)
        {
            for (var i = 0; Sqlite.Database.Writer!.Waiting < queued; i++)
            {
                Assert.True(i < 1000, $"{Sqlite.Database.Writer!.Waiting} of {queued} writers queued after 10 s");
                await Task.Delay(10);
            }
            _go.SetResult();
        }

        public async Task<long[]> RowsAsync(string table)
        {
            await using var session = new DbSession(Sqlite.Database);
            return (await session.QueryAsync<long>($"SELECT {(table == "probe" ? "x" : "id")} FROM {table} ORDER BY 1")).ToArray();
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var session in _sessions) await session.DisposeAsync();
            await Sqlite.DisposeAsync();
        }
    }

    private static Func<DbSession, Task<int>> Insert(int x) => s => s.ExecuteAsync("INSERT INTO probe (x) VALUES (@x)", new { x });

    [Fact]
    public async Task A_failed_writer_rolls_back_alone_and_the_others_in_its_transaction_commit()
    {
        await using var writers = await Writers.StartAsync("group-one-fails", Insert(1));
        var second = writers.Run("second", Insert(2));
        // Fails after writing: its row must go, the second's (written before it in the same transaction) must stay.
        var failing = writers.Run("failing", async s =>
        {
            await s.ExecuteAsync("INSERT INTO probe (x) VALUES (3)");
            throw new InvalidOperationException("the work failed");
        });
        // Fails on a duplicate key, as a duplicate page title does.
        var duplicate = writers.Run("duplicate", Insert(1));
        long[] seenOutside = [];
        var fifth = writers.Run("fifth", async s =>
        {
            // Another connection does not see the earlier writers' rows yet: they are in this writer's transaction, uncommitted.
            await using (var reader = new DbSession(writers.Sqlite.Database))
                seenOutside = (await reader.QueryAsync<long>("SELECT x FROM probe ORDER BY x")).ToArray();
            return await Insert(5)(s);
        });
        await writers.LineUpAsync(4);

        Assert.Equal(1, await writers.First);
        Assert.Equal(1, await second);
        Assert.Equal("the work failed", (await Assert.ThrowsAsync<InvalidOperationException>(() => failing)).Message);
        await Assert.ThrowsAnyAsync<Exception>(() => duplicate);
        Assert.Equal(1, await fifth);

        Assert.Empty(seenOutside);
        Assert.Equal(new long[] { 1L, 2L, 5L }, await writers.RowsAsync("probe"));
        Assert.Equal(["fifth", "first", "second"], writers.Committed.Order());
    }

    [Fact]
    public async Task A_failed_commit_answers_every_writer_in_the_transaction_with_an_error()
    {
        // The first writer's row breaks a deferred foreign key: its statement succeeds, the COMMIT fails.
        await using var writers = await Writers.StartAsync("group-commit-fails",
            s => s.ExecuteAsync("INSERT INTO child (id, parent_id) VALUES (1, 99)"));
        var second = writers.Run("second", Insert(2));
        var third = writers.Run("third", s => s.ExecuteAsync("INSERT INTO parent (id) VALUES (7)"));
        await writers.LineUpAsync(2);

        await Assert.ThrowsAnyAsync<Exception>(() => writers.First);
        await Assert.ThrowsAnyAsync<Exception>(() => second);
        await Assert.ThrowsAnyAsync<Exception>(() => third);
        Assert.Empty(await writers.RowsAsync("probe"));
        Assert.Empty(await writers.RowsAsync("parent"));
        Assert.Empty(await writers.RowsAsync("child"));
        Assert.Empty(writers.Committed);

        // The connection the failed COMMIT was on is replaced: later writes commit.
        await using var later = new DbSession(writers.Sqlite.Database);
        Assert.Equal(1, await later.InTransactionAsync(() => Insert(4)(later)));
        Assert.Equal(new long[] { 4L }, await writers.RowsAsync("probe"));
    }

    [Fact]
    public async Task A_writer_cancelled_while_queued_leaves_the_others_to_commit()
    {
        await using var writers = await Writers.StartAsync("group-cancelled", Insert(1));
        using var cancel = new CancellationTokenSource();
        var cancelled = writers.Run("cancelled", Insert(2), cancel.Token);
        var third = writers.Run("third", Insert(3));
        for (var i = 0; writers.Sqlite.Database.Writer!.Waiting < 2; i++)
        {
            Assert.True(i < 1000, "the writers did not queue");
            await Task.Delay(10);
        }
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await writers.LineUpAsync(1);

        Assert.Equal(1, await writers.First);
        Assert.Equal(1, await third);
        Assert.Equal(new long[] { 1L, 3L }, await writers.RowsAsync("probe"));
        Assert.Equal(["first", "third"], writers.Committed.Order());
    }

    /// <summary>
    /// A savepoint keeps the pages it changes, as they were, in SQLite's statement journal, which the writers' connection keeps
    /// in memory (temp_store = MEMORY) rather than in a temporary file past 64 KB: rolling back to it restores them, for a
    /// change past 64 KB and one of megabytes.
    /// </summary>
    [Fact]
    public async Task A_failed_writer_s_changes_roll_back_whether_its_statement_journal_stayed_in_memory_or_spilled()
    {
        const string Checksum = "SELECT count(*) || ':' || sum(length(data)) || ':' || group_concat(hex(substr(data, 1, 8)), '') FROM chunk";
        var before = "";
        // About 6 MB of 4 KB rows, written by the first writer: pages the later writers' savepoints must journal before changing.
        await using var writers = await Writers.StartAsync("group-statement-journal", async s =>
        {
            var rows = await s.ExecuteAsync(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500) INSERT INTO chunk (id, data) SELECT i, randomblob(4000) FROM n");
            before = (await s.QueryAsync<string>(Checksum))[0];
            return rows;
        });
        // About 40 pages (160 KB, past the 64 KB SQLite keeps in memory by default) and every page (about 6 MB).
        var small = writers.Run("small", async s =>
        {
            await s.ExecuteAsync("UPDATE chunk SET data = zeroblob(4000) WHERE id <= 40");
            throw new InvalidOperationException("small failed");
        });
        var large = writers.Run("large", async s =>
        {
            await s.ExecuteAsync("UPDATE chunk SET data = zeroblob(4000)");
            throw new InvalidOperationException("large failed");
        });
        var last = writers.Run("last", Insert(9));
        await writers.LineUpAsync(3);

        Assert.Equal(1500, await writers.First);
        await Assert.ThrowsAsync<InvalidOperationException>(() => small);
        await Assert.ThrowsAsync<InvalidOperationException>(() => large);
        Assert.Equal(1, await last);
        await using var reader = new DbSession(writers.Sqlite.Database);
        Assert.Equal(before, (await reader.QueryAsync<string>(Checksum))[0]);
        Assert.Equal(new long[] { 9L }, await writers.RowsAsync("probe"));
        Assert.Equal(["first", "last"], writers.Committed.Order());
    }
}
