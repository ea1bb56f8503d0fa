using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Quire.Storage.Sqlite;

/// <summary>
/// Whether a SQL text changes the database, as SQLite's own compiler says (<c>sqlite3_stmt_readonly</c>), kept per text.
/// <see cref="DbSession"/> asks it for a statement run outside a transaction that may write (an <c>INSERT ... RETURNING</c>
/// through a query), so that such a write runs on the writer's connection like every other (<see cref="SqliteWriter"/>),
/// in its queue and counted by its <see cref="CommitSequence"/>; the pooled connections are <c>query_only</c>, so a text
/// judged wrongly fails there rather than writing past the count.
/// </summary>
internal static class SqliteWrites
{
    /// <summary>Characters of texts remembered at most; texts built per request shape come and go, so past it the memory starts again.</summary>
    private const long MaxKnownCharacters = 4L * 1024 * 1024;

    private static readonly ConcurrentDictionary<string, bool> Known = new(StringComparer.Ordinal);
    private static long _knownCharacters;

    /// <summary>
    /// A single <c>SELECT</c> reads (SQLite has no writing function): most texts, the CQL searches built per request among
    /// them, are told apart by their first word, without hashing them for the table.
    /// </summary>
    public static bool IsPlainSelect(string sql)
    {
        var text = sql.AsSpan().TrimStart();
        return text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && !text.Contains(';');
    }

    /// <summary>The verdict on a text judged before, without compiling it.</summary>
    public static bool TryKnown(string sql, out bool writes)
    {
        if (IsPlainSelect(sql))
        {
            writes = false;
            return true;
        }
        return Known.TryGetValue(sql, out writes);
    }

    /// <summary>Compiles each statement of the text on <paramref name="connection"/> (without running it), asks whether it writes, and keeps the verdict.</summary>
    public static bool Judge(SqliteConnection connection, string sql)
    {
        if (TryKnown(sql, out var writes)) return writes;
        writes = Compile(connection, sql);
        if (Interlocked.Add(ref _knownCharacters, sql.Length) > MaxKnownCharacters)
        {
            Known.Clear();
            Interlocked.Exchange(ref _knownCharacters, sql.Length);
        }
        Known[sql] = writes;
        return writes;
    }

    private static bool Compile(SqliteConnection connection, string sql)
    {
        var rest = sql;
        while (!string.IsNullOrWhiteSpace(rest))
        {
            if (raw.sqlite3_prepare_v2(connection.Handle, rest, out var statement, out var tail) != raw.SQLITE_OK)
            {
                // A text SQLite cannot compile fails wherever it runs: on the session's connection it fails as it would
                // have, and one that would write there is refused (query_only).
                statement?.Dispose();
                return false;
            }
            using (statement)
            {
                if (statement is not null && !statement.IsInvalid && raw.sqlite3_stmt_readonly(statement) == 0) return true;
            }
            rest = tail;
        }
        return false;
    }
}
