using Quire.Storage;

namespace Quire.Api.Tests.Platform;

/// <summary>
/// Sessions on SQLite take their connections from Quire's own pool, which keeps each physical
/// connection open with its settings and its compiled statements (issue 14: three PRAGMAs ran and
/// every statement was compiled again on every request before).
/// </summary>
public sealed class SqliteConnectionSettingsTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "quire-pragma-" + Guid.NewGuid().ToString("N")[..8]);
    private Database _database = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _database = Database.ForSqliteFile(Path.Combine(_directory, "quire.db"));
        await using var session = new DbSession(_database);
        await session.ExecuteAsync("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
        await session.ExecuteAsync("INSERT INTO items (id, name) VALUES (1, 'one'), (2, 'two'), (3, 'three'), (4, 'four'), (5, 'five')");
        // Writes run on the writers' own connection (SqliteWriter); a read takes the session pool's first one.
        await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM items");
    }

    [Fact]
    public async Task Settings_are_set_once_per_physical_connection_and_hold_on_each_reuse()
    {
        var opened = _database.SqliteConnectionsConfigured;
        for (var use = 0; use < 20; use++)
        {
            await using var session = new DbSession(_database);
            Assert.Equal(1L, await session.ExecuteScalarAsync<long>("PRAGMA foreign_keys"));
            Assert.Equal(30000L, await session.ExecuteScalarAsync<long>("PRAGMA busy_timeout"));
            Assert.Equal(1L, await session.ExecuteScalarAsync<long>("PRAGMA synchronous")); // NORMAL
        }
        // One session at a time: the pool hands the same connection out twenty times.
        Assert.Equal(opened, _database.SqliteConnectionsConfigured);

        // Two at once are two physical connections, each given its settings once.
        await using var first = new DbSession(_database);
        await using var second = new DbSession(_database);
        await first.ExecuteScalarAsync<long>("SELECT 1");
        await second.ExecuteScalarAsync<long>("SELECT 1");
        Assert.Equal(opened + 1, _database.SqliteConnectionsConfigured);
    }

    /// <summary>
    /// Every session's transaction, and a write outside one, runs on the one writer connection, so the pages its b-trees
    /// use stay in that connection's cache: SQLite's data_version, which moves only when another connection has committed,
    /// stays put in a session's transactions while another session writes in between, as its own connection sees it move.
    /// </summary>
    [Fact]
    public async Task Writes_of_every_session_run_on_one_connection()
    {
        static Task<long> VersionWritingAsync(DbSession session, int id) => session.InTransactionAsync(async () =>
        {
            var version = await session.ExecuteScalarAsync<long>("PRAGMA data_version");
            await session.ExecuteAsync("INSERT INTO items (id, name) VALUES (@id, 'written')", new { id });
            return version;
        });

        // Two sessions at once, each holding a connection of its own from the pool.
        await using var first = new DbSession(_database);
        await using var second = new DbSession(_database);
        var seen = await first.ExecuteScalarAsync<long>("PRAGMA data_version");
        await second.ExecuteScalarAsync<long>("SELECT 1");

        var before = await VersionWritingAsync(first, 10);
        await VersionWritingAsync(second, 11);
        await second.ExecuteAsync("INSERT INTO items (id, name) VALUES (12, 'outside a transaction')");
        Assert.Equal(before, await VersionWritingAsync(first, 13));
        Assert.NotEqual(seen, await first.ExecuteScalarAsync<long>("PRAGMA data_version"));
        Assert.Equal(4L, await first.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM items WHERE id >= 10"));
    }

    private sealed class Row
    {
        public long Id { get; set; }
        public long? Maybe { get; set; }
        public string? Label { get; set; }
    }

    [Fact]
    public async Task A_reused_statement_maps_every_row_alike_whether_its_first_row_holds_NULL_or_a_value()
    {
        // Expression columns have no declared type: their field type comes from the first row's value, or its absence
        // (the column names and NULL types a cached statement keeps for Dapper's mapping check).
        const string sql =
            "SELECT id, CASE WHEN id % 2 = @odd THEN NULL ELSE id * 10 END AS maybe, CASE WHEN id > @cut THEN name END AS label " +
            "FROM items WHERE id > @above ORDER BY id";
        var names = new Dictionary<long, string> { [1] = "one", [2] = "two", [3] = "three", [4] = "four", [5] = "five" };
        foreach (var (odd, cut, above) in new[] { (1, 0, 0), (0, 9, 0), (1, 9, 0), (0, 0, 0), (1, 0, 9), (1, 0, 0), (0, 2, 1) })
        {
            await using var session = new DbSession(_database);
            var rows = await session.QueryAsync<Row>(sql, new { odd, cut, above });
            Assert.Equal(Enumerable.Range(above + 1, Math.Max(0, 5 - above)).Select(i => (long)i), rows.Select(r => r.Id));
            foreach (var row in rows)
            {
                Assert.Equal(row.Id % 2 == odd ? null : row.Id * 10, row.Maybe);
                Assert.Equal(row.Id > cut ? names[row.Id] : null, row.Label);
            }
        }
    }

    [Fact]
    public async Task A_statement_is_compiled_once_and_reused_by_later_sessions_with_new_values()
    {
        const string sql = "SELECT name FROM items WHERE id = @id";
        await using (var warm = new DbSession(_database))
            Assert.Equal("one", await warm.QuerySingleOrDefaultAsync<string>(sql, new { id = 1 }));
        var compiled = _database.SqliteStatementsCompiled;

        for (var id = 2; id <= 5; id++)
        {
            await using var session = new DbSession(_database);
            Assert.Equal(new[] { "two", "three", "four", "five" }[id - 2], await session.QuerySingleOrDefaultAsync<string>(sql, new { id }));
        }
        Assert.Equal(compiled, _database.SqliteStatementsCompiled);
    }

    [Fact]
    public async Task A_list_is_one_parameter_so_its_length_does_not_change_the_statement()
    {
        await using var session = new DbSession(_database);
        var sql = $"SELECT name FROM items WHERE {session.InList("id", "ids")} ORDER BY id";
        Assert.Equal(["one"], await session.QueryAsync<string>(sql, new { ids = new long[] { 1 } }));
        var compiled = _database.SqliteStatementsCompiled;

        Assert.Equal(["two", "three", "five"], await session.QueryAsync<string>(sql, new { ids = new long[] { 2, 3, 5 } }));
        Assert.Empty(await session.QueryAsync<string>(sql, new { ids = Array.Empty<long>() }));
        Assert.Equal(["four"], await session.QueryAsync<string>(
            $"SELECT name FROM items WHERE {session.InList("name", "names")}", new { names = new[] { "four", "it's \"quoted\"", "ünïcode" } }));
        Assert.Equal(compiled + 1, _database.SqliteStatementsCompiled); // only the second text, once
    }

    [Fact]
    public async Task A_statement_that_bound_a_large_value_is_not_kept_holding_it()
    {
        const string sql = "SELECT length(@text)";
        var large = new string('x', 200_000);
        await using (var warm = new DbSession(_database))
            Assert.Equal(200_000L, await warm.ExecuteScalarAsync<long>(sql, new { text = large }));
        var compiled = _database.SqliteStatementsCompiled;

        // SQLite would keep the 200,000 characters bound to a cached statement: it is dropped instead.
        await using (var again = new DbSession(_database))
            Assert.Equal(200_000L, await again.ExecuteScalarAsync<long>(sql, new { text = large }));
        Assert.Equal(compiled + 1, _database.SqliteStatementsCompiled);

        // Small values are kept bound (and overwritten by the next use): the statement stays compiled.
        await using (var small = new DbSession(_database))
            Assert.Equal(5L, await small.ExecuteScalarAsync<long>(sql, new { text = "small" }));
        var afterSmall = _database.SqliteStatementsCompiled;
        await using (var smallAgain = new DbSession(_database))
            Assert.Equal(3L, await smallAgain.ExecuteScalarAsync<long>(sql, new { text = "abc" }));
        Assert.Equal(afterSmall, _database.SqliteStatementsCompiled);
    }

    [Fact]
    public void An_in_memory_database_is_refused_with_a_message()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Database.ForSqliteConnectionString("Data Source=q;Mode=Memory;Cache=Shared"));
        Assert.Contains("file", refused.Message);
        Assert.Throws<InvalidOperationException>(() => Database.ForSqliteConnectionString("Data Source=:memory:"));
    }

    [Fact]
    public async Task A_failed_statement_leaves_its_connection_usable_and_its_transaction_rolled_back()
    {
        await using (var session = new DbSession(_database))
        {
            await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => session.InTransactionAsync(async () =>
            {
                await session.ExecuteAsync("INSERT INTO items (id, name) VALUES (@id, @name)", new { id = 6, name = "six" });
                await session.ExecuteAsync("INSERT INTO items (id, name) VALUES (@id, @name)", new { id = 1, name = "again" });
            }));
        }
        await using var next = new DbSession(_database);
        Assert.Null(await next.QuerySingleOrDefaultAsync<string>("SELECT name FROM items WHERE id = @id", new { id = 6 }));
        await next.ExecuteAsync("INSERT INTO items (id, name) VALUES (@id, @name)", new { id = 6, name = "six" });
        Assert.Equal("six", await next.QuerySingleOrDefaultAsync<string>("SELECT name FROM items WHERE id = @id", new { id = 6 }));
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
