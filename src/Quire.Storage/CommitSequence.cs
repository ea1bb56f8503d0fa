namespace Quire.Storage;

/// <summary>
/// Counts the commits that could change what this process reads, as a sequence lock shared by any number of committers:
/// <see cref="Current"/> is "settled" (<see cref="IsSettled"/>) only while no commit is under way, and never the same
/// settled value on both sides of one. A settled value read again and found unchanged proves that nothing counted became
/// visible in between: what was read from the database after the first reading is still what it holds.
/// <c>RenderedAnswerCache</c> keeps answers on that proof.
/// <para>
/// What is counted: on SQLite every write of this process, on the writer's connection (<c>SqliteWriter</c>; the session
/// pool's connections are opened <c>query_only</c>); another process's writes to the same file (the command line) are not.
/// On PostgreSQL this process's commits (<see cref="DbSession"/>), and the commits of every other node and of the command
/// line as the database announces them (<see cref="CommitChannel"/>, a trigger on every table answers show; heard a few
/// milliseconds after they commit, so another node's write may be seen that much later here). While nothing is heard (the
/// listening connection is not up yet, or was lost) the count stays unsettled.
/// </para>
/// </summary>
public sealed class CommitSequence
{
    /// <summary>The PostgreSQL channel the <c>announce_commit</c> trigger (migration 0042) notifies on every committed change.</summary>
    public const string CommitChannel = "quire_commits";

    // The low bits count the commits under way (and one while other committers cannot be heard); the high bits count the
    // commits that ended. Both in one word, so a reader takes them in one atomic read.
    private const int UnderWayBits = 24;
    private const long OneEnded = 1L << UnderWayBits;
    private const long UnderWayMask = OneEnded - 1;

    private long _value;
    private int _deaf;

    /// <param name="othersCommit">
    /// True where other processes commit too and are heard only once listening starts (<see cref="StartsHearing"/>):
    /// PostgreSQL. Until then the count is not settled.
    /// </param>
    public CommitSequence(bool othersCommit = false)
    {
        if (!othersCommit) return;
        _deaf = 1;
        _value = 1;
    }

    /// <summary>The count now; not settled while a commit is under way.</summary>
    public long Current => Volatile.Read(ref _value);

    /// <summary>Whether <paramref name="value"/> was read between commits, so what is read after it can be kept under it.</summary>
    public static bool IsSettled(long value) => (value & UnderWayMask) == 0;

    /// <summary>How many commits had ended when <paramref name="value"/> was read.</summary>
    public static long Ended(long value) => value >> UnderWayBits;

    /// <summary>Before a COMMIT (or a statement that commits as it ends): from here until <see cref="EndCommit"/>, readers may or may not see its writes.</summary>
    internal void BeginCommit() => Interlocked.Increment(ref _value);

    /// <summary>Once the COMMIT has ended, committed or not, before anyone is told it did.</summary>
    internal void EndCommit() => Interlocked.Add(ref _value, OneEnded - 1);

    /// <summary>Another process committed (a notification heard on <see cref="CommitChannel"/>).</summary>
    public void CommittedElsewhere() => Interlocked.Add(ref _value, OneEnded);

    /// <summary>Listening for other processes' commits has (re)started: from now on they are heard.</summary>
    public void StartsHearing()
    {
        if (Interlocked.Exchange(ref _deaf, 0) == 1) EndCommit();
    }

    /// <summary>Listening was lost: until it starts again any commit elsewhere may go unheard, so nothing read counts as settled.</summary>
    public void StopsHearing()
    {
        if (Interlocked.Exchange(ref _deaf, 1) == 0) BeginCommit();
    }
}
