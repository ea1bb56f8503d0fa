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

    /// <summary>SQLite's plan of a statement (<c>EXPLAIN QUERY PLAN</c>), one line per step.</summary>
    public async Task<string> PlanAsync(string sql, object parameters)
    {
        await using var session = new DbSession(Database);
        var steps = await session.QueryAsync<PlanStep>("EXPLAIN QUERY PLAN " + sql, parameters);
        return string.Join("\n", steps.Select(s => s.Detail));
    }

    /// <summary>The steps of a UNION ALL branch of a plan: from its co-routine to the scan of what it yields.</summary>
    public static string Branch(string plan, string name)
    {
        var start = plan.IndexOf($"CO-ROUTINE {name}", StringComparison.Ordinal);
        var end = plan.IndexOf($"SCAN {name}", start, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, plan);
        return plan[start..end];
    }

    private sealed record PlanStep(long Id, long Parent, long Notused, string Detail);

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
