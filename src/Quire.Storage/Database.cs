using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Quire.Storage;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// The one place that knows how to open a connection to the configured engine.
/// Everything above it speaks plain ADO.NET through <see cref="DbSession"/>.
/// </summary>
public sealed class Database : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string? _sqliteConnectionString;

    private Database(DatabaseProvider provider, NpgsqlDataSource? postgres, string? sqlite)
    {
        Provider = provider;
        _postgres = postgres;
        _sqliteConnectionString = sqlite;
    }

    public DatabaseProvider Provider { get; }

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
            Pooling = true,
            // Writers queue behind each other instead of failing with SQLITE_BUSY.
            DefaultTimeout = 30,
        };
        return new Database(DatabaseProvider.Sqlite, null, builder.ToString());
    }

    public static Database ForSqliteConnectionString(string connectionString) =>
        new(DatabaseProvider.Sqlite, null, connectionString);

    /// <summary>
    /// PostgreSQL through one Npgsql data source (its connection pool). Unless the connection
    /// string says otherwise, statements run twice on a connection are prepared on the server
    /// from then on (Npgsql's automatic preparation): the same few queries serve every request,
    /// and parsing and planning them again each time was most of their cost (see docs/benchmarks.md).
    /// </summary>
    public static Database ForPostgres(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 256;
            builder.AutoPrepareMinUsages = 2;
        }
        return new Database(DatabaseProvider.Postgres, NpgsqlDataSource.Create(builder.ConnectionString), null);
    }

    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        if (_postgres is not null)
            return await _postgres.OpenConnectionAsync(cancellationToken);

        var connection = new SqliteConnection(_sqliteConnectionString);
        await connection.OpenAsync(cancellationToken);
        // Per-connection settings: SQLite keeps them for the life of the physical connection
        // (its handle), which the pool hands out again and again; set them once per handle, not
        // on every open (three statements compiled and run on every request before).
        if (!ConfiguredHandles.TryGetValue(connection.Handle!, out _))
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            ConfiguredHandles.AddOrUpdate(connection.Handle!, ConfiguredMarker);
            Interlocked.Increment(ref _sqliteConnectionsConfigured);
        }
        return connection;
    }

    /// <summary>The physical SQLite connections already given their settings (weakly: a handle the pool closes drops out).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> ConfiguredHandles = new();

    private static readonly object ConfiguredMarker = new();

    private long _sqliteConnectionsConfigured;

    /// <summary>Physical SQLite connections this database gave their settings to: one per connection the pool opens, not per use.</summary>
    public long SqliteConnectionsConfigured => Interlocked.Read(ref _sqliteConnectionsConfigured);

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
            await _postgres.DisposeAsync();
        else
            SqliteConnection.ClearAllPools();
    }
}
