namespace Quire.Storage.Dialects;

/// <summary>SQLite: one node, one writer at a time, FTS5.</summary>
public sealed class SqliteDialect : SqlDialect
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string Name => "sqlite";

    // The array arrives as JSON text (ArrayParameterHandler), one parameter whatever its length.
    public override string InList(string column, string parameter) => $"{column} IN (SELECT value FROM json_each(@{parameter}))";

    public override string ArrayRows(string parameter) => $"json_each(@{parameter})";

    // The first array's rows, and the others' values at the same index (->> with an integer takes an array's element; SQLite
    // keeps the last few JSON texts a statement parsed, so each array is parsed once, not once per row).
    public override string ArrayColumns(string alias, params string[] parameters) =>
        $"(SELECT {parameters[0]}.value AS {parameters[0]}" +
        string.Concat(parameters.Skip(1).Select(p => $", @{p} ->> {parameters[0]}.key AS {p}")) +
        $" FROM json_each(@{parameters[0]}) AS {parameters[0]}) AS {alias}";

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

    public override string? BeforeMigrations => "PRAGMA journal_mode = WAL;";

    public override string? MigrationLock => null;

    public override (string Off, string On)? ForeignKeySwitch => ("PRAGMA foreign_keys = OFF", "PRAGMA foreign_keys = ON");
}
