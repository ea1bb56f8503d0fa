namespace Quire.Storage.Dialects;

/// <summary>SQLite: one node, one writer at a time, FTS5.</summary>
public sealed class SqliteDialect : SqlDialect
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string Name => "sqlite";

    // The array arrives as JSON text (ArrayParameterHandler), one parameter whatever its length.
    public override string InList(string column, string parameter) => $"{column} IN (SELECT value FROM json_each(@{parameter}))";

    public override string ArrayRows(string parameter) => $"json_each(@{parameter})";

    // The first array's rows, in order, and the others' values at the same index. Each other array is read once into a
    // materialized table joined by index: read as `@p ->> key` per row, every array past the four JSON texts SQLite keeps
    // parsed per statement was parsed again on every row (ten columns of 100 rows: ~19 ms against ~1 ms, inside the lock).
    public override string ArrayColumns(string alias, params string[] parameters)
    {
        var first = parameters[0];
        var rest = parameters.Skip(1).ToList();
        var with = rest.Count == 0 ? "" : "WITH " + string.Join(", ", rest.Select(p => $"{p}_at AS MATERIALIZED (SELECT key, value FROM json_each(@{p}))")) + " ";
        return $"({with}SELECT {first}.value AS {first}{string.Concat(rest.Select(p => $", {p}_at.value AS {p}"))}" +
               $" FROM json_each(@{first}) AS {first}{string.Concat(rest.Select(p => $" JOIN {p}_at ON {p}_at.key = {first}.key"))}" +
               $" ORDER BY {first}.key) AS {alias}";
    }

    public override string? TakeTurns(long key) => null;

    public override string Contains(string text, string fragment) => $"instr({text}, {fragment}) > 0";

    public override string Utf8Bytes(string text) => $"CAST({text} AS BLOB)";

    public override bool SerializesWriters => true;

    public override string LockRowsForUpdate => "";

    public override string LockRowsAgainstDeletion => "";

    public override string LockRowsForDeletion => "";

    public override string LockRowsSkippingLocked => "";

    public override bool ServesManyNodes => false;

    public override (string Set, string Reset)? ValuePlans => null;

    public override FullTextIndex FullText => FullTextIndex.Fts5;

    public override string FullTextKey => "rowid";

    /// <summary>
    /// AUTOINCREMENT's own rule: one more than the largest id the table ever held (<c>sqlite_sequence</c>) or holds. Within a
    /// transaction nothing else can insert before this one's next insert: SQLite lets one transaction write at a time.
    /// </summary>
    public override string? NextContentId =>
        "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'content'), 0), COALESCE((SELECT MAX(id) FROM content), 0)) + 1";

    public override string? BeforeMigrations => "PRAGMA journal_mode = WAL;";

    public override string? MigrationLock => null;

    public override (string Off, string On)? ForeignKeySwitch => ("PRAGMA foreign_keys = OFF", "PRAGMA foreign_keys = ON");
}
