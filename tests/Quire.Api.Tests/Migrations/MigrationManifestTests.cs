using System.Security.Cryptography;
using System.Text;
using Quire.Storage;

namespace Quire.Api.Tests.Migrations;

/// <summary>
/// Committed migrations are never edited, renamed or renumbered, and new ones come after all others: the scripts built
/// into Quire.Storage are checked against src/Quire.Storage/Migrations/migrations.lock, whose header states the rule.
/// A database records the numbers it has applied, so an edited script would never reach the databases that ran it
/// before, and a renumbered one would run on them twice.
/// </summary>
public sealed class MigrationManifestTests
{
    private sealed record Entry(int Line, string Engine, string File, string Sha256)
    {
        public int Version => int.Parse(File[..File.IndexOf('_')], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static readonly (string Name, DatabaseProvider Provider)[] Engines = [("sqlite", DatabaseProvider.Sqlite), ("postgres", DatabaseProvider.Postgres)];

    private static List<Entry> Manifest()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Migrations", "migrations.lock");
        var entries = new List<Entry>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(parts.Length == 3 && Engines.Any(e => e.Name == parts[0]) && parts[2].Length == 64,
                $"migrations.lock line {i + 1} is not '<sqlite|postgres> <file> <sha256>': {line}");
            entries.Add(new Entry(i + 1, parts[0], parts[1], parts[2]));
        }
        return entries;
    }

    /// <summary>The hash the manifest records: of the script's text with LF line ends, so a checkout's line endings do not matter.</summary>
    private static string Hash(string sql) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.Replace("\r\n", "\n", StringComparison.Ordinal))));

    private static Dictionary<(string Engine, string File), string> Scripts() =>
        Engines.SelectMany(e => Migrator.ScriptsFor(e.Provider).Select(s => (Key: (e.Name, s.Name + ".sql"), Hash: Hash(s.Sql))))
            .ToDictionary(s => s.Key, s => s.Hash);

    [Fact]
    public void Committed_migrations_are_unchanged_and_still_there()
    {
        var scripts = Scripts();
        var problems = new List<string>();
        foreach (var entry in Manifest())
        {
            if (!scripts.TryGetValue((entry.Engine, entry.File), out var hash))
                problems.Add($"{entry.Engine}/{entry.File} (line {entry.Line}) is gone: a committed migration is never renamed, renumbered or removed.");
            else if (hash != entry.Sha256)
                problems.Add($"{entry.Engine}/{entry.File} was edited: databases that ran it will never see the change. Undo the edit and " +
                             "make the change in a new migration.");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_migration_is_listed_after_all_earlier_ones()
    {
        var manifest = Manifest();
        var listed = manifest.Select(e => (e.Engine, e.File)).ToHashSet();
        var missing = Scripts().Where(s => !listed.Contains(s.Key)).OrderBy(s => s.Key.File, StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0,
            "New migrations must be appended to src/Quire.Storage/Migrations/migrations.lock, numbered above every listed one:\n" +
            string.Join("\n", missing.Select(s => $"{s.Key.Engine} {s.Key.File} {s.Value}")));

        // In the order of the file, numbers never go down, and each engine's only go up: a migration numbered below one
        // already listed would run after it on databases that have both, out of its order everywhere else.
        var highest = 0;
        var highestOf = Engines.ToDictionary(e => e.Name, _ => 0);
        foreach (var entry in manifest)
        {
            Assert.True(entry.Version >= highest && entry.Version > highestOf[entry.Engine],
                $"migrations.lock line {entry.Line}: {entry.Engine}/{entry.File} is numbered below a migration listed before it; " +
                $"a new migration takes a number above {Math.Max(highest, highestOf[entry.Engine])}.");
            highest = entry.Version;
            highestOf[entry.Engine] = entry.Version;
        }
    }

    [Fact]
    public void Migration_numbers_are_unique_per_engine()
    {
        foreach (var (name, provider) in Engines)
        {
            var duplicates = Migrator.ScriptsFor(provider).GroupBy(s => s.Version).Where(g => g.Count() > 1).Select(g => string.Join(", ", g.Select(s => s.Name)));
            Assert.True(!duplicates.Any(), $"{name}: two migrations share a number: {string.Join("; ", duplicates)}");
        }
    }
}
