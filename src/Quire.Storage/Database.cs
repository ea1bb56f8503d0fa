using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Quire.Storage.Sqlite;

namespace Quire.Storage;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// The one place that knows how to open a connection to the configured engine.
/// Everything above it speaks plain ADO.NET through <see cref="DbSession"/>.
/// </summary>
public sealed class Database : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly NpgsqlDataSource? _postgresOwn;
    private readonly string? _sqliteConnectionString;
    private readonly SqliteConnectionPool? _sqlitePool;

    /// <summary>
    /// SQLite connections kept open for sessions when idle, each with its compiled statements and
    /// page cache: one per concurrent request and background worker of a busy node. A burst beyond
    /// it opens more, which are closed when returned (and compile their statements afresh).
    /// </summary>
    private const int SqliteIdleConnections = 64;

    private Database(DatabaseProvider provider, NpgsqlDataSource? postgres, string? sqlite, NpgsqlDataSource? postgresOwn = null)
    {
        Provider = provider;
        _postgres = postgres;
        _postgresOwn = postgresOwn;
        if (sqlite is null)
        {
            Commits = new CommitSequence(othersCommit: true);
            return;
        }
        // Quire pools its SQLite connections itself (SqliteConnectionPool), statements and all;
        // Microsoft.Data.Sqlite's pool would finalize them on every close.
        _sqliteConnectionString = new SqliteConnectionStringBuilder(sqlite) { Pooling = false }.ToString();
        _sqlitePool = new SqliteConnectionPool(_sqliteConnectionString, SqliteIdleConnections);
        Writer = new SqliteWriter(_sqlitePool);
        Commits = Writer.Commits;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>
    /// On SQLite, this process's one writer: its writers' turn, their connection and their group commit (<see cref="SqliteWriter"/>).
    /// Null on PostgreSQL, whose writers lock rows, not the database, and each commit their own transaction.
    /// </summary>
    internal SqliteWriter? Writer { get; }

    /// <summary>
    /// The count of commits that could change what this process reads (<see cref="CommitSequence"/>), so something read
    /// under a settled count found unchanged is still current: on SQLite the writer's, through which every change this
    /// process makes passes; on PostgreSQL this process's commits (<see cref="DbSession"/>) and those the other nodes
    /// announce (<see cref="CommitSequence.CommitChannel"/>), unsettled until something listens for them.
    /// </summary>
    public CommitSequence Commits { get; }

    private long _commands;

    /// <summary>
    /// Commands run since start-up, so tests can prove a listing's query count does not
    /// grow with its size. One interlocked increment per command: cheap enough to keep on.
    /// </summary>
    public long CommandCount => Interlocked.Read(ref _commands);

    internal void CountCommand()
    {
        if (!BackgroundFlow.Value) Interlocked.Increment(ref _commands);
    }

    private static readonly AsyncLocal<bool> BackgroundFlow = new();

    /// <summary>
    /// Leaves the calling async flow (a background worker's loop) out of <see cref="CommandCount"/>:
    /// a worker polling every few hundred milliseconds would otherwise add to whatever request
    /// a test is measuring. Set inside an async method, it does not leak back to its caller.
    /// </summary>
    public static void ExcludeFlowFromCommandCount() => BackgroundFlow.Value = true;

    /// <summary>Where the data lives, for the start-up banner (never includes a password).</summary>
    public string Description => _postgres is not null
        ? $"PostgreSQL database '{new NpgsqlConnectionStringBuilder(_postgres.ConnectionString).Database}' on " +
          $"{new NpgsqlConnectionStringBuilder(_postgres.ConnectionString).Host}"
        : $"SQLite database {new SqliteConnectionStringBuilder(_sqliteConnectionString).DataSource}";

    public static Database ForSqliteFile(string path)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // Writers queue behind each other instead of failing with SQLITE_BUSY.
            DefaultTimeout = 30,
        };
        return new Database(DatabaseProvider.Sqlite, null, builder.ToString());
    }

    public static Database ForSqliteConnectionString(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        // An in-memory database lives as long as a connection holds it; Quire opens and closes
        // connections of its own (migrations, the session pool), so it would vanish between them.
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is ":memory:" or "")
            throw new InvalidOperationException("Quire:Database:ConnectionString must name a SQLite database file (Data Source=path): Quire keeps its data in a file, not in memory.");
        return new(DatabaseProvider.Sqlite, null, connectionString);
    }

    /// <summary>
    /// PostgreSQL through one Npgsql data source (its connection pool) for sessions. Unless the connection
    /// string says otherwise, statements run twice on a connection are prepared on the server
    /// from then on (Npgsql's automatic preparation): the same few queries serve every request,
    /// and parsing and planning them again each time was most of their cost (see docs/benchmarks.md).
    /// <para>
    /// Nor does a pooled connection reset its session when a request gives it back (<c>No Reset On Close</c>):
    /// Npgsql's reset (<c>RESET ALL; CLOSE ALL; UNLISTEN *; pg_advisory_unlock_all(); DISCARD ...</c>) ran on the
    /// server before every request's first statement, 0.1 to 0.2 ms, about what the page read itself costs there.
    /// Sessions leave nothing behind to reset: their locks are transaction-scoped, their settings are put back
    /// (<see cref="DbSession.WithValuePlansAsync{T}"/>), and what does hold session state (the start-up lock's
    /// session lock, change notifications' LISTEN) uses connections of its own, from a second data source
    /// without a pool, so their state ends with them.
    /// </para>
    /// </summary>
    public static Database ForPostgres(string connectionString)
    {
        // Multiplexing needs a pool; a connection of its own needs neither.
        var own = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Multiplexing = false };
        return new Database(DatabaseProvider.Postgres, NpgsqlDataSource.Create(PostgresSessionConnectionString(connectionString)), null,
            NpgsqlDataSource.Create(own.ConnectionString));
    }

    /// <summary>The connection string of the sessions' pool: the site's, with automatic preparation and no reset on close unless it says otherwise.</summary>
    public static string PostgresSessionConnectionString(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 256;
            builder.AutoPrepareMinUsages = 2;
        }
        // The plain builder reads what the string names (Npgsql's answers ContainsKey for every keyword it knows).
        var named = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!named.ContainsKey("No Reset On Close") && !named.ContainsKey("NoResetOnClose")) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    /// <summary>
    /// A connection of its own for work outside a <see cref="DbSession"/> (migrations, the start-up
    /// lock, change notifications), closed by the caller's dispose. It is opened fresh on both engines
    /// (outside the pools), so the settings, locks and LISTENs such work leaves never reach a request's connection.
    /// </summary>
    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        if (_postgresOwn is not null)
            return await _postgresOwn.OpenConnectionAsync(cancellationToken);

        var connection = new SqliteConnection(_sqliteConnectionString);
        try
        {
            await SqliteConnectionPool.OpenConfiguredAsync(connection, cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        return connection;
    }

    /// <summary>
    /// The connection of a <see cref="DbSession"/>: from Npgsql's pool on PostgreSQL (whose
    /// automatic preparation keeps statements per physical connection), from
    /// <see cref="SqliteConnectionPool"/> on SQLite (which keeps them itself). Give it back with
    /// <see cref="ReturnSessionConnectionAsync"/>.
    /// </summary>
    internal async ValueTask<DbConnection> RentSessionConnectionAsync(CancellationToken ct) =>
        _sqlitePool is { } pool ? await pool.RentAsync(ct) : await _postgres!.OpenConnectionAsync(ct);

    internal ValueTask ReturnSessionConnectionAsync(DbConnection connection)
    {
        if (connection is not PooledSqliteConnection pooled) return connection.DisposeAsync();
        ReturnSessionConnection(pooled);
        return ValueTask.CompletedTask;
    }

    internal void ReturnSessionConnection(DbConnection connection)
    {
        if (connection is PooledSqliteConnection pooled && _sqlitePool is { } pool) pool.Return(pooled);
        else connection.Dispose();
    }

    /// <summary>Physical SQLite connections the session pool opened and gave their settings to: one per connection, not per use.</summary>
    public long SqliteConnectionsConfigured => _sqlitePool?.Opened ?? 0;

    /// <summary>SQLite statements compiled for sessions so far: one per distinct SQL text and connection, not per use.</summary>
    public long SqliteStatementsCompiled => _sqlitePool?.Compiled ?? 0;

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
            await _postgres.DisposeAsync();
        if (_postgresOwn is not null)
            await _postgresOwn.DisposeAsync();
        _sqlitePool?.Dispose();
        Writer?.Dispose();
    }
}
