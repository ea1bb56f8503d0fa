using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;

namespace Quire.Storage;

/// <summary>
/// Applies the numbered SQL scripts under Migrations/&lt;engine&gt;/ that the database has
/// not seen yet, each in its own transaction, and records them in schema_migrations.
/// On PostgreSQL an advisory lock keeps two nodes starting together from racing.
/// </summary>
public static partial class Migrator
{
    public sealed record Script(int Version, string Name, string Sql);

    public static IReadOnlyList<Script> ScriptsFor(DatabaseProvider provider)
    {
        var assembly = typeof(Migrator).Assembly;
        var folder = provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres";
        var prefix = $"{assembly.GetName().Name}.Migrations.{folder}.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var name = n[prefix.Length..^4];
                var match = VersionPattern().Match(name);
                if (!match.Success) throw new InvalidOperationException($"Migration '{name}' must start with a number.");
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return new Script(int.Parse(match.Groups[1].Value), name, reader.ReadToEnd());
            })
            .OrderBy(s => s.Version)
            .ToList();
    }

    public static async Task<IReadOnlyList<string>> ApplyAsync(Database database, long nowMillis, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        if (database.Provider == DatabaseProvider.Sqlite)
            await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");

        await connection.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");

        var applied = new List<string>();
        foreach (var script in ScriptsFor(database.Provider))
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            if (database.Provider == DatabaseProvider.Postgres)
                await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(7264917)", transaction: tx);

            var done = await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version", new { script.Version }, tx);
            if (done > 0) { await tx.RollbackAsync(ct); continue; }

            // No command timeout: a script that rewrites a large site's rows may take minutes, and
            // stopping it half-way would only roll it back to be run again at the next start.
            await connection.ExecuteAsync(new CommandDefinition(script.Sql, transaction: tx, commandTimeout: 0, cancellationToken: ct));
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @Now)",
                new { script.Version, script.Name, Now = nowMillis }, tx);
            await tx.CommitAsync(ct);
            applied.Add(script.Name);
        }
        return applied;
    }

    [GeneratedRegex(@"^(\d+)_")]
    private static partial Regex VersionPattern();
}
