using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Quire.Storage.Sqlite;

/// <summary>
/// Whether a SQL text changes the database, as SQLite's own compiler says (<c>sqlite3_stmt_readonly</c>), kept per text.
/// <see cref="DbSession"/> asks it for a statement run outside a transaction that may write (an <c>INSERT ... RETURNING</c>
/// through a query), so that such a write runs on the writer's connection like every other (<see cref="SqliteWriter"/>),
/// in its queue and counted by its <see cref="CommitSequence"/>; the pooled connections are <c>query_only</c>.
/// </summary>
internal static partial class SqliteWrites
{
    /// <summary>Texts remembered at most; texts built per request (CQL) come and go, so past it the memory starts again.</summary>
    private const int MaxKnown = 4096;

    private static readonly ConcurrentDictionary<string, bool> Known = new(StringComparer.Ordinal);

    public static bool Of(SqliteConnection connection, string sql)
    {
        if (Known.TryGetValue(sql, out var writes)) return writes;
        writes = Compile(connection, sql);
        if (Known.Count >= MaxKnown) Known.Clear();
        Known[sql] = writes;
        return writes;
    }

    /// <summary>Compiles each statement of the text (without running it) and asks whether it writes.</summary>
    private static bool Compile(SqliteConnection connection, string sql)
    {
        var rest = sql;
        while (!string.IsNullOrWhiteSpace(rest))
        {
            if (raw.sqlite3_prepare_v2(connection.Handle, rest, out var statement, out var tail) != raw.SQLITE_OK)
            {
                // A text SQLite cannot compile as written fails when it runs, wherever it runs; the words decide meanwhile.
                statement?.Dispose();
                return WritingWord().IsMatch(sql);
            }
            using (statement)
            {
                if (statement is not null && !statement.IsInvalid && raw.sqlite3_stmt_readonly(statement) == 0) return true;
            }
            rest = tail;
        }
        return false;
    }

    [GeneratedRegex(@"\b(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WritingWord();
}
