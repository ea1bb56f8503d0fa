namespace Quire.Storage.Sqlite;

/// <summary>
/// Counts the commits of this process's SQLite writer as a sequence lock: odd while a COMMIT is under way, even between
/// commits, and never the same even value on both sides of one. Every write of this process to the database runs on the
/// writer's connection (<see cref="SqliteWriter"/>; the session pool's connections are opened <c>query_only</c>), so an
/// even value read again and found unchanged proves nothing this process wrote became visible in between: what was read
/// from the database after the first reading is still what it holds. <c>RenderedAnswerCache</c> keeps answers on that
/// proof. Another process's writes (the command line on the same file) are not counted.
/// </summary>
public sealed class CommitSequence
{
    private long _value;

    /// <summary>The count now; odd while a commit is under way.</summary>
    public long Current => Volatile.Read(ref _value);

    /// <summary>Whether <paramref name="value"/> was read between commits, so what is read after it can be kept under it.</summary>
    public static bool IsSettled(long value) => (value & 1) == 0;

    /// <summary>Before the COMMIT statement: from here until <see cref="EndCommit"/>, readers may or may not see its writes.</summary>
    internal void BeginCommit() => Interlocked.Increment(ref _value);

    /// <summary>Once the COMMIT has ended, committed or not; before the turn passes on, so two commits never overlap here.</summary>
    internal void EndCommit() => Interlocked.Increment(ref _value);
}
