using Quire.Storage;

namespace Quire.Core.Tests;

/// <summary>A SQLite database file in a temporary folder with every migration applied, for tests that read or plan real SQL; gone on dispose.</summary>
public sealed class MigratedSqliteDatabase : IAsyncDisposable
{
    private readonly string _directory;

    private MigratedSqliteDatabase(string directory, Database database) => (_directory, Database) = (directory, database);

    public Database Database { get; }

    public static async Task<MigratedSqliteDatabase> CreateAsync(string purpose)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"quire-{purpose}-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var database = Database.ForSqliteFile(Path.Combine(directory, "quire.db"));
        await Migrator.ApplyAsync(database, nowMillis: 0);
        return new MigratedSqliteDatabase(directory, database);
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
