using BenchmarkDotNet.Attributes;
using Dapper;
using Microsoft.Data.Sqlite;
using Quire.Storage;

namespace Quire.Benchmarks;

/// <summary>
/// What compiling a statement again on every use cost, and what Quire's SQLite pool saves
/// (issue 14). Both run the same join (a page row with its space, the shape of a content read)
/// by a changing id through Dapper on a database of 10,000 rows, one "request" per operation:
/// <see cref="MicrosoftPool"/> the way Quire did before, a new <see cref="SqliteConnection"/>
/// from Microsoft.Data.Sqlite's pool per request (its statements finalized when it closes);
/// <see cref="QuireSession"/> a <see cref="DbSession"/>, whose pooled connection keeps the
/// compiled statement. <see cref="QuireSessionList"/> binds a five-value list as one JSON
/// parameter, as every visibility check with a viewer's groups does.
/// </summary>
[MemoryDiagnoser]
public class StatementReuseBenchmarks
{
    private const string Read =
        """
        SELECT c.id, c.title, c.version, c.body, s.key, s.name
        FROM content c JOIN spaces s ON s.id = c.space_id
        WHERE c.id = @id AND c.status = 'current'
        """;

    private string _directory = null!;
    private string _connectionString = null!;
    private Database _database = null!;
    private long _next;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "quire-bench-stmt-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_directory);
        var file = Path.Combine(_directory, "bench.db");
        _connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ToString();
        using (var setup = new SqliteConnection(_connectionString))
        {
            setup.Open();
            setup.Execute("PRAGMA journal_mode = WAL");
            setup.Execute("CREATE TABLE spaces (id INTEGER PRIMARY KEY, key TEXT NOT NULL, name TEXT NOT NULL)");
            setup.Execute("CREATE TABLE content (id INTEGER PRIMARY KEY, space_id INTEGER NOT NULL REFERENCES spaces (id), title TEXT NOT NULL, status TEXT NOT NULL, version INTEGER NOT NULL, body TEXT NOT NULL)");
            setup.Execute("INSERT INTO spaces (id, key, name) VALUES (1, 'BENCH', 'Bench')");
            using var transaction = setup.BeginTransaction();
            var body = string.Concat(Enumerable.Repeat("<p>Quire serves the Confluence Cloud REST API.</p>", 80));
            for (var id = 1; id <= 10_000; id++)
                setup.Execute("INSERT INTO content (id, space_id, title, status, version, body) VALUES (@id, 1, @title, 'current', 1, @body)",
                    new { id, title = "Page " + id, body }, transaction);
            transaction.Commit();
        }
        _database = Database.ForSqliteFile(file);
    }

    private long NextId() => _next++ % 10_000 + 1;

    [Benchmark(Baseline = true)]
    public async Task<string?> MicrosoftPool()
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        var row = await connection.QuerySingleOrDefaultAsync<PageRow>(Read, new { id = NextId() });
        return row?.Title;
    }

    [Benchmark]
    public async Task<string?> QuireSession()
    {
        await using var session = new DbSession(_database);
        var row = await session.QuerySingleOrDefaultAsync<PageRow>(Read, new { id = NextId() });
        return row?.Title;
    }

    [Benchmark]
    public async Task<int> QuireSessionList()
    {
        await using var session = new DbSession(_database);
        var first = NextId();
        var rows = await session.QueryAsync<PageRow>(
            $"SELECT c.id, c.title, c.version, c.body, s.key, s.name FROM content c JOIN spaces s ON s.id = c.space_id WHERE {session.InList("c.id", "ids")}",
            new { ids = new[] { first, first % 9_000 + 1, first % 8_000 + 1, first % 7_000 + 1, first % 6_000 + 1 } });
        return rows.Count;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _database.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    public sealed record PageRow(long Id, string Title, long Version, string Body, string Key, string Name);
}
