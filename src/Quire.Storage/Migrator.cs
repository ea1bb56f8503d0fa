using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;
using Quire.Storage.Dialects;

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
        var folder = SqlDialect.For(provider).Name;
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

    /// <summary>
    /// The first line of a SQLite script that rebuilds tables (see 0019): it runs with foreign keys off, as SQLite's
    /// ALTER TABLE documentation prescribes, since with them on dropping a table deletes (cascades to) every row that
    /// references it. The pragma is a no-op inside a transaction, so it is set before the script's transaction begins, and
    /// the script commits only if PRAGMA foreign_key_check then finds no broken reference.
    /// </summary>
    public const string ForeignKeysOff = "-- quire:foreign-keys-off";

    public static Task<IReadOnlyList<string>> ApplyAsync(Database database, long nowMillis, CancellationToken ct = default) =>
        ApplyAsync(database, nowMillis, int.MaxValue, ct);

    /// <summary>Applies the scripts up to and including <paramref name="upToVersion"/> (tests build a database as an earlier version left it).</summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(Database database, long nowMillis, int upToVersion, CancellationToken ct = default)
    {
        var dialect = SqlDialect.For(database.Provider);
        await using var connection = await database.OpenConnectionAsync(ct);
        if (dialect.BeforeMigrations is { } preparation)
            await connection.ExecuteAsync(preparation);

        await connection.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");

        var applied = new List<string>();
        foreach (var script in ScriptsFor(database.Provider).Where(s => s.Version <= upToVersion))
        {
            var foreignKeySwitch = script.Sql.StartsWith(ForeignKeysOff, StringComparison.Ordinal) ? dialect.ForeignKeySwitch : null;
            var foreignKeysOff = foreignKeySwitch is not null;
            if (foreignKeySwitch is { } turnOff) await connection.ExecuteAsync(turnOff.Off);
            try
            {
                await using var tx = await connection.BeginTransactionAsync(ct);
                if (dialect.MigrationLock is { } takeTurns)
                    await connection.ExecuteAsync(takeTurns, transaction: tx);

                var done = await connection.ExecuteScalarAsync<long>(
                    "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version", new { script.Version }, tx);
                if (done > 0) { await tx.RollbackAsync(ct); continue; }

                // No command timeout: a script that rewrites a large site's rows may take minutes, and stopping it half-way
                // would only roll it back to be run again at the next start.
                await connection.ExecuteAsync(new CommandDefinition(script.Sql, transaction: tx, commandTimeout: 0, cancellationToken: ct));
                if (foreignKeysOff)
                {
                    var broken = (await connection.QueryAsync<string>(
                        new CommandDefinition("SELECT \"table\" FROM pragma_foreign_key_check", transaction: tx, commandTimeout: 0, cancellationToken: ct))).ToList();
                    if (broken.Count > 0)
                        throw new InvalidOperationException(
                            $"Migration {script.Name} would leave broken references in {string.Join(", ", broken.Distinct())}; nothing was changed.");
                }
                await connection.ExecuteAsync(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @Now)",
                    new { script.Version, script.Name, Now = nowMillis }, tx);
                await tx.CommitAsync(ct);
                applied.Add(script.Name);
            }
            finally
            {
                if (foreignKeySwitch is { } turnOn) await connection.ExecuteAsync(turnOn.On);
            }
        }
        return applied;
    }

    [GeneratedRegex(@"^(\d+)_")]
    private static partial Regex VersionPattern();
}
