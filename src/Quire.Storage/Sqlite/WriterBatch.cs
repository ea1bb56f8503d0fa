using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Quire.Storage.Sqlite;

/// <summary>
/// One SQLite transaction on the writers' connection that the writers queued at the time run in one after another, each in a
/// savepoint of its own (<see cref="SqliteWriter"/>): one COMMIT, and one write of the hot b-tree pages they share, for all of
/// them. <see cref="Committed"/> is what each member waits on before it answers.
/// </summary>
internal sealed class WriterBatch(PooledSqliteConnection connection, SqliteTransaction transaction)
{
    private readonly TaskCompletionSource _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PooledSqliteConnection Connection { get; } = connection;

    public SqliteTransaction Transaction { get; } = transaction;

    /// <summary>Writers that have joined, the failed ones included.</summary>
    public int Members { get; set; }

    public long Started { get; } = Stopwatch.GetTimestamp();

    /// <summary>Completes once the transaction committed; faults when it did not, so no member answers for something lost.</summary>
    public Task Committed => _outcome.Task;

    public void Succeed() => _outcome.TrySetResult();

    public void Fail(Exception error)
    {
        _outcome.TrySetException(error);
        // Observed here too: a batch whose members all failed on their own has no one left to await it.
        _ = _outcome.Task.Exception;
    }
}
