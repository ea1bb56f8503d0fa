using Quire.Storage;

namespace Quire.Core.Tests;

/// <summary>
/// SQLite's writers share one connection (Database.EnterWriterAsync), so a transaction whose own end fails must not take
/// later writes down with it. Here the COMMIT finds nothing to commit (the work rolled back by hand), as after a COMMIT that
/// SQLite rolled back itself on a full disk: Microsoft.Data.Sqlite recovers from this one on its own; a commit, rollback
/// or dispose that throws otherwise has the connection replaced (WriterTurn.Release), which this cannot provoke.
/// </summary>
public sealed class WriterConnectionTests
{
    [Fact]
    public async Task A_transaction_whose_end_fails_does_not_stop_later_writes()
    {
        await using var sqlite = await MigratedSqliteDatabase.CreateAsync("writer-spoiled");
        await using (var session = new DbSession(sqlite.Database))
        {
            await session.ExecuteAsync("CREATE TABLE probe (x INTEGER)");
            await Assert.ThrowsAnyAsync<Exception>(() => session.InTransactionAsync(() => session.ExecuteAsync("ROLLBACK")));
        }

        for (var i = 0; i < 2; i++)
        {
            await using var session = new DbSession(sqlite.Database);
            Assert.Equal(1, await session.InTransactionAsync(() => session.ExecuteAsync("INSERT INTO probe VALUES (1)")));
            Assert.Equal(1, await session.ExecuteAsync("DELETE FROM probe"));
        }
    }
}
