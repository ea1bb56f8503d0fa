using System.Data.Common;

namespace Quire.Storage.Sqlite;

/// <summary>
/// A writer's turn (<see cref="SqliteWriter.EnterAsync"/>): the connection and the open transaction to write in, inside this
/// writer's own savepoint. <see cref="LeaveAsync"/> once, then, if the work succeeded, await <see cref="Committed"/>.
/// </summary>
internal sealed class WriterTurn(SqliteWriter writer, WriterBatch batch)
{
    private int _left;

    public DbConnection Connection => batch.Connection;

    public DbTransaction Transaction => batch.Transaction;

    /// <summary>
    /// Keeps (<paramref name="succeeded"/>) or rolls back this writer's savepoint and gives the turn on: to the next writer
    /// with the transaction still open, or after committing it. Never throws; what went wrong reaches
    /// <see cref="Committed"/>. The connection is not this writer's to use after it.
    /// </summary>
    public Task LeaveAsync(bool succeeded) =>
        Interlocked.Exchange(ref _left, 1) == 0 ? writer.LeaveAsync(batch, succeeded) : Task.CompletedTask;

    /// <summary>Completes when the transaction holding this writer's work committed; throws when it did not.</summary>
    public Task Committed => batch.Committed;
}
