using System.Data.Common;
using Dapper;

namespace Quire.Storage;

/// <summary>
/// Orders the start-ups of server nodes that share a PostgreSQL database: the first to start
/// runs every start-up step (migrations, the bootstrap admin, sweeps, backfills, repairs) while
/// the others wait, and each of them then finds the work done. Orchestrators start replicas
/// together; without this, two nodes both saw no admin and both created one, and the loser
/// exited. A session-level advisory lock on a connection of its own, released explicitly (the
/// connection goes back to a pool) or by PostgreSQL when a node dies holding it. SQLite serves
/// one node, whose start-up is one process: nothing to order.
/// </summary>
public sealed class StartupLock : IAsyncDisposable
{
    /// <summary>The lock's key; <see cref="Migrator"/>'s per-migration lock is <see cref="Dialects.PostgresDialect.MigrationLockKey"/>, a different lock.</summary>
    private const long Key = 7264918;

    private readonly DbConnection? _connection;

    private StartupLock(DbConnection? connection) => _connection = connection;

    /// <summary>Waits until no other node is starting, then holds the start-up until disposed.</summary>
    public static async Task<StartupLock> AcquireAsync(Database database, CancellationToken ct)
    {
        if (!Dialects.SqlDialect.For(database.Provider).ServesManyNodes) return new StartupLock(null);
        var connection = await database.OpenConnectionAsync(ct);
        try
        {
            // No command timeout: another node's first start may migrate a large database for minutes.
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@Key)", new { Key }, commandTimeout: 0, cancellationToken: ct));
            return new StartupLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is null) return;
        try
        {
            await _connection.ExecuteAsync("SELECT pg_advisory_unlock(@Key)", new { Key });
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}
