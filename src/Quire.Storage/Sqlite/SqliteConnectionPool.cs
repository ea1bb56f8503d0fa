using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Quire.Storage.Sqlite;

/// <summary>
/// Quire's own pool of open SQLite connections, in place of Microsoft.Data.Sqlite's. Its pool
/// keeps the native connection but finalizes every statement when a connection is closed, so
/// each request compiled its statements again (<c>sqlite3_prepare_v2</c> was about 40% of a page
/// read's CPU). A connection here stays open between uses, and with it the statements it has
/// compiled (<see cref="SqliteStatementCache"/>).
/// </summary>
internal sealed class SqliteConnectionPool : IDisposable
{
    private readonly string _connectionString;
    private readonly int _maxIdle;
    private readonly ConcurrentStack<PooledSqliteConnection> _idle = new();
    private int _idleCount;
    private long _opened;
    private volatile bool _disposed;

    /// <param name="connectionString">With <c>Pooling=False</c>: this pool is the only one.</param>
    /// <param name="maxIdle">Connections kept open when returned; more are opened under load and closed after.</param>
    public SqliteConnectionPool(string connectionString, int maxIdle)
    {
        _connectionString = connectionString;
        _maxIdle = maxIdle;
    }

    /// <summary>Physical connections opened so far (each given its settings once).</summary>
    public long Opened => Interlocked.Read(ref _opened);

    private long _compiled;

    /// <summary>Statements the connections' caches compiled: one per distinct SQL text and connection.</summary>
    public long Compiled => Interlocked.Read(ref _compiled);

    internal void CountCompiled() => Interlocked.Increment(ref _compiled);

    /// <summary>A connection that caches its statements like the pool's but is never pooled: its owner opens (<see cref="OpenConfiguredAsync"/>) and disposes it.</summary>
    public PooledSqliteConnection CreateUnpooled() => new(_connectionString, this);

    public async ValueTask<PooledSqliteConnection> RentAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryPop(out var idle))
        {
            Interlocked.Decrement(ref _idleCount);
            return idle;
        }

        var connection = new PooledSqliteConnection(_connectionString, this);
        try
        {
            await OpenConfiguredAsync(connection, ct);
            // Sessions write only through the writer's connection (SqliteWriter), which counts its commits for what
            // caches on them (CommitSequence); SQLite itself refuses a write that would slip past it on a pooled one.
            await using var readOnly = connection.CreateCommand();
            readOnly.CommandText = "PRAGMA query_only = ON";
            await readOnly.ExecuteNonQueryAsync(ct);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        Interlocked.Increment(ref _opened);
        return connection;
    }

    /// <summary>
    /// Opens a connection and gives it Quire's settings, which SQLite keeps for the life of the
    /// connection (so once, not per use): foreign keys enforced, writers waiting up to 30 s for the
    /// write lock instead of failing, and WAL's NORMAL synchronous mode. Every SQLite connection
    /// Quire opens, pooled or not, goes through here.
    /// </summary>
    internal static async Task OpenConfiguredAsync(SqliteConnection connection, CancellationToken ct)
    {
        SqliteLibrarySettings.EnsureApplied();
        await connection.OpenAsync(ct);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;";
        await pragma.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Takes a connection back. One that is no longer open, or returned after the pool was
    /// disposed or beyond the idle limit, is closed instead.
    /// </summary>
    public void Return(PooledSqliteConnection connection)
    {
        // Only a connection at rest goes back: open, and outside any transaction (a failed
        // ROLLBACK could otherwise hand the next request a transaction it did not begin).
        var reusable = connection.State == System.Data.ConnectionState.Open
                       && SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) != 0;
        if (!_disposed && reusable && Interlocked.Increment(ref _idleCount) <= _maxIdle)
        {
            _idle.Push(connection);
            // A Dispose that ran between the check and the push has emptied the stack already.
            if (_disposed) CloseIdle();
            return;
        }
        if (!_disposed && reusable) Interlocked.Decrement(ref _idleCount);
        connection.Dispose();
    }

    public void Dispose()
    {
        _disposed = true;
        CloseIdle();
    }

    private void CloseIdle()
    {
        while (_idle.TryPop(out var connection))
        {
            Interlocked.Decrement(ref _idleCount);
            connection.Dispose();
        }
    }
}
