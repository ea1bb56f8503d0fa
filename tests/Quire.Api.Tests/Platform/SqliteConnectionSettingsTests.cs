using Quire.Storage;

namespace Quire.Api.Tests.Platform;

/// <summary>
/// SQLite's per-connection settings (foreign keys, busy timeout, synchronous) are set once per
/// physical connection and hold on every later use of it from the pool (issue 14: three PRAGMAs
/// ran on every request before).
/// </summary>
public sealed class SqliteConnectionSettingsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "quire-pragma-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Settings_are_set_once_per_physical_connection_and_hold_on_each_reuse()
    {
        Directory.CreateDirectory(_directory);
        await using var database = Database.ForSqliteFile(Path.Combine(_directory, "quire.db"));
        for (var use = 0; use < 20; use++)
        {
            await using var connection = await database.OpenConnectionAsync();
            await using var read = connection.CreateCommand();
            read.CommandText = "PRAGMA foreign_keys";
            Assert.Equal(1L, await read.ExecuteScalarAsync());
            read.CommandText = "PRAGMA busy_timeout";
            Assert.Equal(30000L, await read.ExecuteScalarAsync());
            read.CommandText = "PRAGMA synchronous";
            Assert.Equal(1L, await read.ExecuteScalarAsync()); // NORMAL
        }
        // One connection at a time: the pool hands the same one out twenty times.
        Assert.Equal(1, database.SqliteConnectionsConfigured);

        // Two at once are two physical connections, each given its settings once.
        await using var first = await database.OpenConnectionAsync();
        await using var second = await database.OpenConnectionAsync();
        Assert.Equal(2, database.SqliteConnectionsConfigured);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
