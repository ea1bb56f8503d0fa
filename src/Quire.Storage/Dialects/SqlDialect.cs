namespace Quire.Storage.Dialects;

/// <summary>How each engine writes its full-text index (<c>content_search</c>).</summary>
public enum FullTextIndex
{
    /// <summary>An FTS5 virtual table keyed by <c>rowid</c>, queried with <c>MATCH</c> and ranked by <c>bm25()</c>.</summary>
    Fts5,

    /// <summary>A table with a <c>tsvector</c> column keyed by <c>content_id</c>, queried with <c>@@</c> and ranked by <c>ts_rank()</c>.</summary>
    TsVector,
}

/// <summary>
/// What differs between SQLite and PostgreSQL, in one place (as YesSql's <c>ISqlDialect</c>):
/// stores write SQL both engines read the same way and ask the dialect (<see cref="DbSession.Dialect"/>)
/// for the few fragments and facts that differ, instead of branching on the provider themselves.
/// </summary>
public abstract class SqlDialect
{
    public static SqlDialect Sqlite { get; } = new SqliteDialect();

    public static SqlDialect Postgres { get; } = new PostgresDialect();

    public static SqlDialect For(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? Postgres : Sqlite;

    public abstract DatabaseProvider Provider { get; }

    /// <summary>The engine's name, which is also the folder of its migration scripts.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// "<paramref name="column"/> is one of the array parameter <paramref name="parameter"/>" (a name
    /// without <c>@</c>): the array travels as one parameter, so the statement's text is the same
    /// whatever the array's length and a prepared statement serves every call.
    /// </summary>
    public abstract string InList(string column, string parameter);

    /// <summary>An array parameter as rows of one column named <c>value</c>, for <c>INSERT ... SELECT</c> of a list in one statement.</summary>
    public abstract string ArrayRows(string parameter);

    /// <summary>
    /// Array parameters of equal length (names without <c>@</c>) as rows: the i-th row holds each array's i-th value, in a
    /// column named after its parameter. For an <c>INSERT ... SELECT</c> of many rows in one statement whose text is the same
    /// whatever their number, aliased <paramref name="alias"/>.
    /// </summary>
    public abstract string ArrayColumns(string alias, params string[] parameters);

    /// <summary>
    /// Run first in a transaction so that nodes take turns at what it does (an advisory lock held to
    /// the transaction's end, keyed by <paramref name="key"/>); null where <see cref="SerializesWriters"/>.
    /// </summary>
    public abstract string? TakeTurns(long key);

    /// <summary>"<paramref name="text"/> contains <paramref name="fragment"/>" as an exact substring (no pattern syntax to escape).</summary>
    public abstract string Contains(string text, string fragment);

    /// <summary>A text column as its UTF-8 bytes (read as a <c>byte[]</c>), for text written out again as UTF-8 without a .NET string between.</summary>
    public abstract string Utf8Bytes(string text);

    /// <summary>
    /// Whether one write transaction at a time holds the whole database (SQLite, whose writers run in
    /// BEGIN IMMEDIATE transactions): then row and advisory locks add nothing and are left out.
    /// </summary>
    public abstract bool SerializesWriters { get; }

    /// <summary>
    /// Ends a SELECT of one row to hold it until the transaction ends against other writers of the
    /// row, but not against inserts that refer to it; empty where <see cref="SerializesWriters"/>.
    /// </summary>
    public abstract string LockRowsForUpdate { get; }

    /// <summary>
    /// Ends a SELECT to keep the rows it reads from being deleted until the transaction ends (others
    /// may share the lock); empty where <see cref="SerializesWriters"/>. A row deleted while the
    /// statement waited is not returned.
    /// </summary>
    public abstract string LockRowsAgainstDeletion { get; }

    /// <summary>Ends a SELECT to hold its rows alone, to delete them, until the transaction ends; empty where <see cref="SerializesWriters"/>.</summary>
    public abstract string LockRowsForDeletion { get; }

    /// <summary>Ends a sub-SELECT to lock the row it picks and skip rows another transaction holds; empty where <see cref="SerializesWriters"/>.</summary>
    public abstract string LockRowsSkippingLocked { get; }

    /// <summary>
    /// Whether several Quire nodes may share the database, and so coordinate through it: an advisory
    /// lock while one starts, and notifications (LISTEN/NOTIFY) of changes other nodes cache.
    /// </summary>
    public abstract bool ServesManyNodes { get; }

    /// <summary>
    /// Session settings that make the engine plan each statement for its values (and without JIT),
    /// and the statement that resets them; null where every statement is planned anyway.
    /// </summary>
    public abstract (string Set, string Reset)? ValuePlans { get; }

    public abstract FullTextIndex FullText { get; }

    /// <summary>The column of <c>content_search</c> that holds the content's id.</summary>
    public abstract string FullTextKey { get; }

    /// <summary>
    /// A query answering the id the next row of <c>content</c> will take, where the engine can tell before the insert and a
    /// search row may exist before its content (<see cref="Search.SearchIndexStore.TryWriteAheadAsync"/>); null where not.
    /// </summary>
    public abstract string? NextContentId { get; }

    /// <summary>Run once before migrating, outside any transaction (SQLite's WAL journal); null if nothing.</summary>
    public abstract string? BeforeMigrations { get; }

    /// <summary>Run first in each migration's transaction, so nodes that start together take turns; null if not needed.</summary>
    public abstract string? MigrationLock { get; }

    /// <summary>
    /// Turn foreign keys off and on around a script that rebuilds tables (see <see cref="Migrator.ForeignKeysOff"/>);
    /// null where scripts never need it.
    /// </summary>
    public abstract (string Off, string On)? ForeignKeySwitch { get; }
}
