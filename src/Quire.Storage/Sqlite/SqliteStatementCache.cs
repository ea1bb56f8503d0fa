using Microsoft.Data.Sqlite;

namespace Quire.Storage.Sqlite;

/// <summary>
/// The compiled statements of one connection, by SQL text. A <see cref="SqliteCommand"/> keeps its
/// compiled statements for as long as its text is unchanged, so keeping the command is keeping
/// the statement; its parameters are bound afresh for each use. Used by one request at a time
/// (a connection belongs to one session), so it needs no lock.
/// </summary>
internal sealed class SqliteStatementCache(SqliteConnectionPool pool)
{
    /// <summary>
    /// Enough for the statements a busy node runs over and over (their texts do not vary with the
    /// values: lists are one JSON parameter); texts built per request shape (CQL) come and go
    /// through the least recently used slots. Bounds memory at this many compiled statements per
    /// idle connection.
    /// </summary>
    internal const int Capacity = 256;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _clock;

    private sealed class Entry(SqliteCommand command)
    {
        public SqliteCommand Command { get; } = command;
        public StatementColumns Columns { get; } = new();
        public bool InUse { get; set; }
        public long LastUsed { get; set; }
    }

    /// <summary>Statements compiled and kept, for tests and diagnostics.</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// A command for <paramref name="sql"/> on <paramref name="connection"/>, compiled already
    /// when it was used before, with what is known of its columns. One in use (a reader still open
    /// on it) is not shared: the caller then gets a command of its own, closed on return, and no columns.
    /// </summary>
    public SqliteCommand Rent(SqliteConnection connection, string sql, out StatementColumns? columns)
    {
        columns = null;
        if (_entries.TryGetValue(sql, out var entry))
        {
            if (entry.InUse) return Fresh(connection, sql);
            entry.InUse = true;
            entry.LastUsed = ++_clock;
            columns = entry.Columns;
            return entry.Command;
        }
        if (_entries.Count >= Capacity && !EvictLeastRecentlyUsed()) return Fresh(connection, sql);

        entry = new Entry(Fresh(connection, sql)) { InUse = true, LastUsed = ++_clock };
        _entries.Add(sql, entry);
        columns = entry.Columns;
        return entry.Command;
    }

    public void Return(SqliteCommand command)
    {
        // SQLite keeps a statement's last bound values until they are bound again: a statement
        // that carried a large body (a 5 MB page update) would hold a copy of it for as long as
        // it is cached, on every connection that ran it. Such a statement is compiled again next time.
        var heldLarge = HoldsLargeValue(command.Parameters);
        command.Parameters.Clear();
        command.Transaction = null;
        if (_entries.TryGetValue(command.CommandText, out var entry) && ReferenceEquals(entry.Command, command))
        {
            if (!heldLarge)
            {
                entry.InUse = false;
                return;
            }
            _entries.Remove(command.CommandText);
        }
        command.Dispose();
    }

    /// <summary>Values up to this size stay bound in a cached statement; larger ones are not kept.</summary>
    internal const int LargeValueBytes = 64 * 1024;

    private static bool HoldsLargeValue(SqliteParameterCollection parameters)
    {
        foreach (SqliteParameter parameter in parameters)
            if (parameter.Value is string { Length: > LargeValueBytes / 2 } or byte[] { Length: > LargeValueBytes })
                return true;
        return false;
    }

    public void Clear()
    {
        foreach (var entry in _entries.Values) entry.Command.Dispose();
        _entries.Clear();
    }

    private SqliteCommand Fresh(SqliteConnection connection, string sql)
    {
        pool.CountCompiled();
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private bool EvictLeastRecentlyUsed()
    {
        string? oldest = null;
        long oldestUse = long.MaxValue;
        foreach (var (sql, entry) in _entries)
        {
            if (!entry.InUse && entry.LastUsed < oldestUse)
            {
                oldest = sql;
                oldestUse = entry.LastUsed;
            }
        }
        if (oldest is null) return false;
        _entries.Remove(oldest, out var evicted);
        evicted!.Command.Dispose();
        return true;
    }
}
