namespace Quire.Storage.Sqlite;

/// <summary>
/// Process-wide settings of the SQLite library, applied once before the first connection opens (SQLite accepts
/// them only before it initializes, which its first open does).
/// <para>
/// Memory statistics are turned off: with them on, every allocation and free inside SQLite takes one global mutex
/// to keep counters Quire never reads (<c>sqlite3_memory_used</c>, soft heap limits), so concurrent requests on
/// different connections queued on it; a CPU profile of page reads showed the lock calls among SQLite's largest
/// costs. The threading mode stays serialized: a pooled connection is only ever used by one request at a time, but
/// a statement finalized by the garbage collector's finalizer thread may touch its connection while a request uses it.
/// </para>
/// <para>
/// When something in the process opened a SQLite connection first (a tool, a test), the library is initialized
/// already, SQLite refuses the setting, and it keeps its defaults: correct, only slower.
/// </para>
/// </summary>
internal static class SqliteLibrarySettings
{
    private static int _applied;

    public static void EnsureApplied()
    {
        if (Volatile.Read(ref _applied) != 0 || Interlocked.Exchange(ref _applied, 1) != 0) return;
        SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MEMSTATUS, 0);
    }
}
