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
        if (sqlite is null) return;
        // Quire pools its SQLite connections itself (SqliteConnectionPool), statements and all;
        // Microsoft.Data.Sqlite's pool would finalize them on every close.
        _sqliteConnectionString = new SqliteConnectionStringBuilder(sqlite) { Pooling = false }.ToString();
        _sqlitePool = new SqliteConnectionPool(_sqliteConnectionString, SqliteIdleConnections);
        _sqliteWriter = new SemaphoreSlim(1, 1);
    }

    public DatabaseProvider Provider { get; }

    /// <summary>
    /// SQLite lets one transaction write at a time. Left to SQLite, the others retry BEGIN IMMEDIATE from its busy handler,
    /// which sleeps 1, 2, 5, 10... up to 100 ms between tries: the lock is mostly free while they sleep, and 16 clients
    /// creating pages kept the server about half busy. Writers of this process queue here instead, in order, and each
    /// starts the moment the one before it commits. Another process on the same file (the command line) still meets
    /// SQLite's lock and its busy timeout. Null on PostgreSQL, whose writers lock rows, not the database.
    /// </summary>
    private readonly SemaphoreSlim? _sqliteWriter;

    /// <summary>How long a transaction waits for the writer before it gives up: SQLite's own busy timeout (DefaultTimeout 30).</summary>
    private static readonly TimeSpan WriterWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// On SQLite, waits for this process's one writer turn (see <see cref="_sqliteWriter"/>) and answers what gives it back,
    /// with the connection the turn writes on; on PostgreSQL answers null at once. A transaction that waited
    /// <see cref="WriterWait"/> fails as SQLite's own busy timeout would (<c>SQLITE_BUSY</c>).
    /// </summary>
    internal async ValueTask<WriterTurn?> EnterWriterAsync(CancellationToken ct)
    {
        if (_sqliteWriter is not { } writer) return null;
        if (!await writer.WaitAsync(WriterWait, ct))
            throw new SqliteException("database is locked: another transaction of this process held the write lock for 30 s", 5);
        try
        {
            return new WriterTurn(this, writer, await WriterConnectionAsync(ct));
        }
        catch
        {
            writer.Release();
            throw;
        }
    }

    /// <summary>
    /// The one connection this process's SQLite writers write on, taken with the writer turn, which guards it. SQLite drops a
    /// connection's whole page cache when another connection has written since its last transaction, so with every writer on
    /// a request's own pooled connection each transaction read again, from the WAL and the file, every b-tree page its
    /// statements touched (a page creation: about 20 reads of the content table's 17 b-trees, the full-text tables and the
    /// watch); on the one connection that writes, those pages stay cached from one transaction to the next. One left broken
    /// or inside a transaction (a failed rollback) is replaced.
    /// </summary>
    private PooledSqliteConnection? _writerConnection;

    /// <summary>
    /// WAL frames after which a commit on the writer connection copies the WAL back into the database (SQLite's default is
    /// 1,000). The commit that crosses the mark does the copy and its two fsyncs while every other writer waits; a page
    /// creation writes about 29 frames, mostly the same hot b-tree leaves again, so at 1,000 a copy came every 35 creations
    /// and at 4,000 each copied page stands for about four times as many commits. Durability is unchanged: with
    /// synchronous=NORMAL a commit is in the WAL either way, and the WAL (up to about 16 MB) is what recovery replays.
    /// </summary>
    private const int WriterCheckpointPages = 4000;

    private async ValueTask<PooledSqliteConnection> WriterConnectionAsync(CancellationToken ct)
    {
        if (_writerConnection is { } open)
        {
            if (open.State == System.Data.ConnectionState.Open && SQLitePCL.raw.sqlite3_get_autocommit(open.Handle) != 0) return open;
            _writerConnection = null;
            await open.DisposeAsync();
        }
        var connection = _sqlitePool!.CreateUnpooled();
        try
        {
            await SqliteConnectionPool.OpenConfiguredAsync(connection, ct);
            await using var checkpoints = connection.CreateCommand();
            checkpoints.CommandText = $"PRAGMA wal_autocheckpoint = {WriterCheckpointPages}";
            await checkpoints.ExecuteNonQueryAsync(ct);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        return _writerConnection = connection;
    }

    internal sealed class WriterTurn(Database database, SemaphoreSlim writer, DbConnection connection)
    {
        private int _released;

        /// <summary>The connection to write on while the turn is held; never given to anyone after <see cref="Release"/>.</summary>
        public DbConnection Connection { get; } = connection;

        /// <summary>
        /// Gives the turn back. <paramref name="connectionSpoiled"/>: a commit, rollback or dispose on the connection failed,
        /// so it may still hold a transaction Microsoft.Data.Sqlite thinks is open (a COMMIT that SQLite rolled back itself,
        /// then a ROLLBACK that found nothing to roll back): it is closed, and the next turn opens a fresh one, rather than
        /// every later write failing on it until a restart.
        /// </summary>
        public void Release(bool connectionSpoiled = false)
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            try
            {
                if (connectionSpoiled) database.DropWriterConnection(Connection);
            }
            finally
            {
                writer.Release();
            }
        }
    }

    /// <summary>Closes the writer connection; called with the turn held, so no one else is using it.</summary>
    private void DropWriterConnection(DbConnection connection)
    {
        if (ReferenceEquals(_writerConnection, connection)) _writerConnection = null;
        try
        {
            connection.Dispose();
        }
        catch (Exception)
        {
            // Closing a broken connection may fail too; it is out of service either way.
        }
    }

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
        _writerConnection?.Dispose();
    }
}
