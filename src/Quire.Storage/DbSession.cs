using System.Data;
using System.Data.Common;
using System.Runtime.ExceptionServices;
using Dapper;
using Quire.Storage.Sqlite;
using Quire.Storage.Dialects;

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
    /// <summary>On SQLite, the writers' connection while this session's transaction holds the writer turn (<see cref="SqliteWriter"/>).</summary>
    private DbConnection? _writing;
    private Func<CancellationToken, Task>? _commitCheck;
    private List<Action>? _afterCommit;

    public DatabaseProvider Provider => database.Provider;

    /// <summary>What differs between the engines: the SQL fragments and facts stores ask for instead of branching on <see cref="Provider"/>.</summary>
    public SqlDialect Dialect => SqlDialect.For(database.Provider);

    /// <summary>Whether a transaction is open, for work that only means something inside one (transaction-scoped locks).</summary>
    public bool InTransaction => _transaction is not null;

    /// <summary>"column is one of the array parameter": <see cref="SqlDialect.InList"/>, kept here for the many stores that call it.</summary>
    public string InList(string column, string parameter) => Dialect.InList(column, parameter);

    private async ValueTask<DbConnection> ConnectionAsync(CancellationToken ct)
    {
        database.CountCommand();
        return _writing ?? (_connection ??= await database.RentSessionConnectionAsync(ct));
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction; nested calls join the outer one.
    /// On SQLite the work waits its turn among this process's writers and runs on their one connection, in a savepoint
    /// of a transaction that may hold other writers' work too (<see cref="SqliteWriter"/>, group commit): it returns
    /// once that transaction has committed, and throws if it did not. On PostgreSQL it is a transaction of its own.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken ct = default)
    {
        if (_transaction is not null)
            return await work();
        return database.Writer is { } writer
            ? await InWriterTransactionAsync(writer, work, ct)
            : await InOwnTransactionAsync(work, ct);
    }

    /// <param name="checkCommit">
    /// False for a single statement outside any transaction, which had no commit check before it joined the writers' queue
    /// (and has none on PostgreSQL): a long task's progress writes must not renew its claim each.
    /// </param>
    private async Task<T> InWriterTransactionAsync<T>(SqliteWriter writer, Func<Task<T>> work, CancellationToken ct, bool checkCommit = true)
    {
        var turn = await writer.EnterAsync(ct);
        // Counted as the BEGIN of a transaction of its own was.
        database.CountCommand();
        _writing = turn.Connection;
        _transaction = turn.Transaction;
        T result = default!;
        Exception? failed = null;
        try
        {
            result = await work();
            if (checkCommit && _commitCheck is { } check) await check(ct);
        }
        catch (Exception e)
        {
            failed = e;
        }
        finally
        {
            // Before leaving: the turn's connection and transaction are the next writer's from then on.
            _transaction = null;
            _writing = null;
        }
        await turn.LeaveAsync(succeeded: failed is null);
        if (failed is not null)
        {
            _afterCommit = null;
            // Off the passing writer's stack first, as a writer that succeeded goes on below: its error path (the error
            // answer, any later statement) must not hold that thread.
            await Task.Yield();
            ExceptionDispatchInfo.Throw(failed);
        }
        try
        {
            // Always on a thread-pool thread: a writer handed the turn runs on the passing writer's stack (WriterQueue.TryPass),
            // so a batch's writers would otherwise each finish their requests there too, one after another on one thread,
            // before the writer that passed first could finish its own.
            await turn.Committed.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        }
        catch
        {
            _afterCommit = null;
            throw;
        }
        // After the commit, so an action that throws can never roll back what committed.
        RunAfterCommit();
        return result;
    }

    private async Task<T> InOwnTransactionAsync<T>(Func<Task<T>> work, CancellationToken ct)
    {
        var connection = await ConnectionAsync(ct);
        _transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        T result;
        try
        {
            result = await work();
            if (_commitCheck is { } check) await check(ct);
            var transaction = _transaction;
            await CountedAsCommitAsync(async () => { await transaction.CommitAsync(ct); return true; });
        }
        catch
        {
            _afterCommit = null;
            await _transaction.RollbackAsync(CancellationToken.None);
            throw;
        }
        finally
        {
            // Cleared first: a dispose that throws (a broken connection) must not leave the session inside a dead transaction.
            var transaction = _transaction;
            _transaction = null;
            await transaction.DisposeAsync();
        }
        // After the transaction is over, so an action that throws can never roll back what committed.
        RunAfterCommit();
        return result;
    }

    /// <summary>
    /// Runs <paramref name="action"/> once what this session wrote is committed: at once outside a
    /// transaction (the statement has committed), after the commit inside one, never if it rolls
    /// back. For in-memory caches of what the write changed: dropped before the commit, a
    /// concurrent reader could load the old rows again and keep them.
    /// </summary>
    public void AfterCommit(Action action)
    {
        if (_transaction is null)
        {
            action();
            return;
        }
        (_afterCommit ??= []).Add(action);
    }

    private void RunAfterCommit()
    {
        var actions = _afterCommit;
        _afterCommit = null;
        if (actions is null) return;
        foreach (var action in actions) action();
    }

    public Task InTransactionAsync(Func<Task> work, CancellationToken ct = default) =>
        InTransactionAsync(async () => { await work(); return true; }, ct);

    /// <summary>
    /// Until the answer is disposed, runs <paramref name="check"/> as the last statement of every
    /// transaction this session commits; a check that throws rolls the transaction back. A long
    /// task's worker uses it to commit only while it still holds the task: its check and its
    /// writes commit together, so a worker whose claim lapsed and was taken over cannot commit
    /// work the new owner is redoing (a fencing check).
    /// </summary>
    public IDisposable CheckBeforeCommit(Func<CancellationToken, Task> check)
    {
        if (_commitCheck is not null) throw new InvalidOperationException("This session already checks its commits.");
        _commitCheck = check;
        return new CommitCheckScope(this);
    }

    private sealed class CommitCheckScope(DbSession session) : IDisposable
    {
        public void Dispose() => session._commitCheck = null;
    }

    /// <summary>
    /// Runs <paramref name="work"/> with PostgreSQL planning each statement for its values and
    /// without JIT compilation; SQLite plans every statement anyway. For searches, whose best plan
    /// depends on the values: a prepared statement's generic plan guesses a full-text query's
    /// matches (500 rows), which reads every match of a common word where reading the space in
    /// order and stopping at the page's end is 3x faster, and JIT compilation cost more (20 ms)
    /// than it saved.
    /// </summary>
    public async Task<T> WithValuePlansAsync<T>(Func<Task<T>> work, CancellationToken ct = default)
    {
        if (Dialect.ValuePlans is not { } plans) return await work();
        try
        {
            // Inside the try: a SET that ran before a cancellation is reset too (pooled connections are not reset on return).
            await ExecuteAsync(plans.Set, ct: ct);
            return await work();
        }
        finally
        {
            try
            {
                await ExecuteAsync(plans.Reset, ct: CancellationToken.None);
            }
            catch (DbException)
            {
                // A broken connection is not reused. A healthy one that could not reset keeps planning per value until its
                // next search resets it: slower generic statements on it, never a different answer (Database.ForPostgres
                // explains why the pool does not reset sessions).
            }
        }
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? param = null, CancellationToken ct = default)
    {
        return await RunAsync(sql, async connection =>
            (IReadOnlyList<T>)(await connection.QueryAsync<T>(new CommandDefinition(sql, param, _transaction, cancellationToken: ct))).AsList(), ct);
    }

    /// <summary>
    /// Runs a statement that may read or write (a query can be an <c>INSERT ... RETURNING</c>). Outside a transaction on
    /// SQLite, one that writes (<see cref="SqliteWrites"/>) runs on the writer's connection as a transaction of its own,
    /// as <see cref="ExecuteAsync"/>'s statements do: the session's pooled connection is <c>query_only</c>, and the writer's
    /// commits are what <see cref="CommitSequence"/> counts. On PostgreSQL one that may write (<see cref="PostgresWrites"/>)
    /// is counted as a commit. <paramref name="run"/> reads <see cref="_transaction"/> when
    /// it runs, so it joins the writer's transaction there.
    /// </summary>
    private async Task<T> RunAsync<T>(string sql, Func<DbConnection, Task<T>> run, CancellationToken ct)
    {
        if (_transaction is not null) return await run(await ConnectionAsync(ct));
        if (database.Writer is { } writer)
            return await WritesAsync(sql, ct)
                ? await InWriterTransactionAsync(writer, () => run(_writing!), ct, checkCommit: false)
                : await run(await ConnectionAsync(ct));
        var connection = await ConnectionAsync(ct);
        return PostgresWrites.Writes(sql) ? await CountedAsCommitAsync(() => run(connection)) : await run(connection);
    }

    /// <summary>
    /// A COMMIT on PostgreSQL, or a statement outside a transaction, which commits as it ends: counted as a commit
    /// (<see cref="CommitSequence"/>) from before it is sent until it has ended, since when in its run the commit becomes
    /// visible cannot be seen from here. The caller has its connection already, so a wait for one is not counted.
    /// </summary>
    private async Task<T> CountedAsCommitAsync<T>(Func<Task<T>> statement)
    {
        database.Commits.BeginCommit();
        try
        {
            return await statement();
        }
        finally
        {
            database.Commits.EndCommit();
        }
    }

    /// <summary>Whether a text writes; an unknown one is compiled once on the session's connection to find out (not counted as a command).</summary>
    private async ValueTask<bool> WritesAsync(string sql, CancellationToken ct)
    {
        if (SqliteWrites.TryKnown(sql, out var writes)) return writes;
        _connection ??= await database.RentSessionConnectionAsync(ct);
        return SqliteWrites.Judge((Microsoft.Data.Sqlite.SqliteConnection)_connection, sql);
    }

    /// <summary>Rows that map to two records each (a join), split where the second record's <paramref name="splitOn"/> column starts.</summary>
    public async Task<IReadOnlyList<TResult>> QueryAsync<T1, T2, TResult>(
        string sql, Func<T1, T2, TResult> map, object? param = null, string splitOn = "id", CancellationToken ct = default)
    {
        return await RunAsync(sql, async connection =>
            (IReadOnlyList<TResult>)(await connection.QueryAsync(new CommandDefinition(sql, param, _transaction, cancellationToken: ct), map, splitOn)).AsList(), ct);
    }

    public async Task<IReadOnlyList<TResult>> QueryAsync<T1, T2, T3, TResult>(
        string sql, Func<T1, T2, T3, TResult> map, object? param = null, string splitOn = "id", CancellationToken ct = default)
    {
        return await RunAsync(sql, async connection =>
            (IReadOnlyList<TResult>)(await connection.QueryAsync(new CommandDefinition(sql, param, _transaction, cancellationToken: ct), map, splitOn)).AsList(), ct);
    }

    public async Task<IReadOnlyList<TResult>> QueryAsync<T1, T2, T3, T4, TResult>(
        string sql, Func<T1, T2, T3, T4, TResult> map, object? param = null, string splitOn = "id", CancellationToken ct = default)
    {
        return await RunAsync(sql, async connection =>
            (IReadOnlyList<TResult>)(await connection.QueryAsync(new CommandDefinition(sql, param, _transaction, cancellationToken: ct), map, splitOn)).AsList(), ct);
    }

    /// <summary>
    /// The first row of <paramref name="sql"/>, read by <paramref name="read"/> from the reader itself (by ordinal, with
    /// typed getters), or null. For the hottest read only: Dapper's general mapping (a multi-map, a value boxed per column)
    /// was a tenth of a page read's CPU, and a hand-written reader must list its columns in order. The statement runs
    /// without Dapper: its parameters bind themselves (<see cref="ICommandParameters"/>), which skips Dapper's cache lookup
    /// (a hash of the statement's text), its generated binder and its wrapped reader on every execution. A read, so not
    /// routed to the writer: a write here fails on SQLite's <c>query_only</c> session connections, and on PostgreSQL it would
    /// not be counted as a commit (<see cref="CommitSequence"/>), leaving kept answers stale.
    /// </summary>
    public async Task<T?> QueryFirstRowAsync<T>(string sql, ICommandParameters param, Func<DbDataReader, T> read, CancellationToken ct = default)
        where T : class
    {
        var connection = await ConnectionAsync(ct);
        // Disposed synchronously: the command gives a cached SQLite statement back to its connection in Dispose, and
        // the reader holds no I/O to wait for.
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        param.AddTo(command);
        using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? read(reader) : null;
    }

    public async Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? param = null, CancellationToken ct = default)
    {
        return await RunAsync(sql, connection =>
            connection.QuerySingleOrDefaultAsync<T>(new CommandDefinition(sql, param, _transaction, cancellationToken: ct)), ct);
    }

    public async Task<T?> ExecuteScalarAsync<T>(string sql, object? param = null, CancellationToken ct = default)
    {
        return await RunAsync(sql, connection =>
            connection.ExecuteScalarAsync<T>(new CommandDefinition(sql, param, _transaction, cancellationToken: ct)), ct);
    }

    public async Task<int> ExecuteAsync(string sql, object? param = null, CancellationToken ct = default)
    {
        // Outside a transaction a write on SQLite is a transaction of its own: it queues with the others and runs on the
        // writers' connection as they do (InTransactionAsync, counted once there). Left to SQLite's busy handler it would
        // wake, up to 100 ms later, to find the lock handed on already, and could starve for the whole busy timeout.
        if (_transaction is null && database.Writer is { } writer)
            return await InWriterTransactionAsync(writer, () => _writing!.ExecuteAsync(new CommandDefinition(sql, param, _transaction, cancellationToken: ct)), ct,
                checkCommit: false);
        var connection = await ConnectionAsync(ct);
        var command = new CommandDefinition(sql, param, _transaction, cancellationToken: ct);
        return _transaction is null && PostgresWrites.Writes(sql)
            ? await CountedAsCommitAsync(() => connection.ExecuteAsync(command))
            : await connection.ExecuteAsync(command);
    }

    /// <summary>
    /// Gives the connection back to its pool while the session lives on (a later statement takes
    /// one again): once an endpoint has its answer, so rendering and writing the response,
    /// which can take long on a slow client, hold no connection. Not inside a transaction.
    /// </summary>
    public async ValueTask ReleaseConnectionAsync()
    {
        if (_transaction is not null || _connection is null) return;
        var connection = _connection;
        _connection = null;
        await database.ReturnSessionConnectionAsync(connection);
    }

    public void Dispose()
    {
        _transaction?.Dispose();
        _transaction = null;
        if (_connection is not null) database.ReturnSessionConnection(_connection);
        _connection = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null) await _transaction.DisposeAsync();
        _transaction = null;
        if (_connection is not null) await database.ReturnSessionConnectionAsync(_connection);
        _connection = null;
    }
}
