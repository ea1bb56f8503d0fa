using System.Data;
using System.Data.Common;
using Dapper;

namespace Quire.Storage;

/// <summary>
/// One connection for one unit of work (an HTTP request, a background job step), opened
/// on first use. Stores run their SQL through it, so a service can wrap several store
/// calls in one transaction with <see cref="InTransactionAsync{T}"/> without passing
/// connections around.
/// </summary>
public sealed class DbSession(Database database) : IAsyncDisposable, IDisposable
{
    private DbConnection? _connection;
    private DbTransaction? _transaction;

    public DatabaseProvider Provider => database.Provider;

    /// <summary>
    /// "column is one of the array parameter": Dapper sends arrays to PostgreSQL as one
    /// array value (<c>= ANY</c>) and expands them for SQLite (<c>IN (...)</c>).
    /// </summary>
    public string InList(string column, string parameter) =>
        Provider == DatabaseProvider.Postgres ? $"{column} = ANY(@{parameter})" : $"{column} IN @{parameter}";

    private async ValueTask<DbConnection> ConnectionAsync(CancellationToken ct)
    {
        database.CountCommand();
        return _connection ??= await database.OpenConnectionAsync(ct);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction; nested calls join the outer one.
    /// On SQLite the transaction takes the write lock at once (BEGIN IMMEDIATE), so two
    /// writers never deadlock upgrading from a read lock.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken ct = default)
    {
        if (_transaction is not null)
            return await work();

        var connection = await ConnectionAsync(ct);
        _transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        try
        {
            var result = await work();
            await _transaction.CommitAsync(ct);
            return result;
        }
        catch
        {
            await _transaction.RollbackAsync(CancellationToken.None);
            throw;
        }
        finally
        {
            await _transaction.DisposeAsync();
            _transaction = null;
        }
    }

    public Task InTransactionAsync(Func<Task> work, CancellationToken ct = default) =>
        InTransactionAsync(async () => { await work(); return true; }, ct);

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? param = null, CancellationToken ct = default)
    {
        var connection = await ConnectionAsync(ct);
        var rows = await connection.QueryAsync<T>(new CommandDefinition(sql, param, _transaction, cancellationToken: ct));
        return rows.AsList();
    }

    /// <summary>Rows that map to two records each (a join), split where the second record's <paramref name="splitOn"/> column starts.</summary>
    public async Task<IReadOnlyList<TResult>> QueryAsync<T1, T2, TResult>(
        string sql, Func<T1, T2, TResult> map, object? param = null, string splitOn = "id", CancellationToken ct = default)
    {
        var connection = await ConnectionAsync(ct);
        var rows = await connection.QueryAsync(new CommandDefinition(sql, param, _transaction, cancellationToken: ct), map, splitOn);
        return rows as IReadOnlyList<TResult> ?? rows.ToList();
    }

    public async Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? param = null, CancellationToken ct = default)
    {
        var connection = await ConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<T>(new CommandDefinition(sql, param, _transaction, cancellationToken: ct));
    }

    public async Task<T?> ExecuteScalarAsync<T>(string sql, object? param = null, CancellationToken ct = default)
    {
        var connection = await ConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<T>(new CommandDefinition(sql, param, _transaction, cancellationToken: ct));
    }

    public async Task<int> ExecuteAsync(string sql, object? param = null, CancellationToken ct = default)
    {
        var connection = await ConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(sql, param, _transaction, cancellationToken: ct));
    }

    public void Dispose()
    {
        _transaction?.Dispose();
        _connection?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null) await _transaction.DisposeAsync();
        if (_connection is not null) await _connection.DisposeAsync();
    }
}
