namespace Quire.Storage.Dialects;

/// <summary>PostgreSQL: many nodes, row locks, a tsvector index.</summary>
public sealed class PostgresDialect : SqlDialect
{
    /// <summary>The key of the advisory lock migrations take; <see cref="StartupLock"/> holds 7264918, a different lock.</summary>
    public const long MigrationLockKey = 7264917;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string Name => "postgres";

    public override string InList(string column, string parameter) => $"{column} = ANY(@{parameter})";

    public override string ArrayRows(string parameter) => $"unnest(@{parameter}) AS value";

    // unnest with several arrays zips them.
    public override string ArrayColumns(string alias, params string[] parameters) =>
        $"unnest({string.Join(", ", parameters.Select(p => "@" + p))}) AS {alias} ({string.Join(", ", parameters)})";

    public override string? TakeTurns(long key) => $"SELECT pg_advisory_xact_lock({key})";

    public override string Contains(string text, string fragment) => $"strpos({text}, {fragment}) > 0";

    public override string Utf8Bytes(string text) => $"convert_to({text}, 'UTF8')";

    public override bool SerializesWriters => false;

    public override string LockRowsForUpdate => " FOR NO KEY UPDATE";

    public override string LockRowsAgainstDeletion => " FOR KEY SHARE";

    public override string LockRowsForDeletion => " FOR UPDATE";

    public override string LockRowsSkippingLocked => "FOR UPDATE SKIP LOCKED";

    public override bool ServesManyNodes => true;

    public override (string Set, string Reset)? ValuePlans => ("SET plan_cache_mode = force_custom_plan; SET jit = off", "RESET plan_cache_mode; RESET jit");

    public override FullTextIndex FullText => FullTextIndex.TsVector;

    public override string FullTextKey => "content_id";

    /// <summary>None: the search row references its content, so it cannot come first.</summary>
    public override string? NextContentId => null;

    public override string? BeforeMigrations => null;

    public override string? MigrationLock => $"SELECT pg_advisory_xact_lock({MigrationLockKey})";

    public override (string Off, string On)? ForeignKeySwitch => null;
}
