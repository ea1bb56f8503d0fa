using Quire.Storage;

namespace Quire.Core.Tests;

/// <summary>
/// SQLite's writers share one connection (SqliteWriter), so a transaction whose own end fails must not take
/// later writes down with it. Here the work ends the writers' transaction itself (a ROLLBACK): the writer fails, and the
/// connection is replaced (SqliteWriter.Abandon); GroupCommitTests has a COMMIT that fails.
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
