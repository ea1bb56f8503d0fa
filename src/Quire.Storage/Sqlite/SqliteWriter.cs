using System.Data;
using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Quire.Storage.Sqlite;

/// <summary>
/// This process's one SQLite writer: the turn its writers queue for, the one connection they write on, and the group commit.
/// <para>
/// SQLite lets one transaction write at a time. Left to SQLite, the others retry BEGIN IMMEDIATE from its busy handler, which
/// sleeps 1, 2, 5, 10... up to 100 ms between tries while the lock is mostly free; writers of this process queue here instead,
/// in order (<see cref="WriterQueue"/>). Another process on the same file (the command line) still meets SQLite's lock and its
/// busy timeout.
/// </para>
/// <para>
/// Group commit: a writer's work runs in a savepoint of a transaction that may already hold other writers' work. When it ends,
/// if another writer is already waiting (none is waited for) and the batch is still small and young, the turn passes to it
/// with the transaction open; otherwise this writer commits. Each writer answers only after the COMMIT that holds its work
/// (<see cref="WriterBatch.Committed"/>), so durability is as before; one whose work fails rolls back to its savepoint and the
/// others still commit. A page creation's commit (about 58 <c>pwrite</c> for 29 WAL frames, mostly the same hot leaves of the
/// content table's 17 b-trees) was about 40% of the time a creation held the lock; a batch writes those pages once.
/// </para>
/// <para>
/// A writer that waits for its batch's commit waits on the writers after it, as one waiting for the turn waits on the writers
/// before it: code that takes the turn while holding a lock of its own must not take that lock inside a transaction, which
/// was already a deadlock with one transaction at a time.
/// </para>
/// </summary>
internal sealed class SqliteWriter(SqliteConnectionPool pool) : IDisposable
{
    /// <summary>How long a writer waits for the turn before it gives up: SQLite's own busy timeout (DefaultTimeout 30).</summary>
    private static readonly TimeSpan TurnWait = TimeSpan.FromSeconds(30);

    /// <summary>Writers one transaction takes at most: each waits for the last one's work before it can answer.</summary>
    internal const int MaxMembers = 32;

    /// <summary>
    /// How long a transaction stays open for writers that keep arriving, bounding what its first member waits beyond its own
    /// work. Settable for tests, which hold a first writer's turn while others queue behind it.
    /// </summary>
    internal TimeSpan MaxAge { get; set; } = TimeSpan.FromMilliseconds(4);

    /// <summary>Every member's savepoint has this name: one member's is released before the next member's begins.</summary>
    private const string Savepoint = "quire_writer";

    /// <summary>
    /// WAL frames after which a commit on the writer connection copies the WAL back into the database (SQLite's default is
    /// 1,000). The commit that crosses the mark does the copy and its two fsyncs while every other writer waits; a page
    /// creation writes about 29 frames, mostly the same hot b-tree leaves again, so at 1,000 a copy came every 35 creations
    /// and at 4,000 each copied page stands for about four times as many commits. Durability is unchanged: with
    /// synchronous=NORMAL a commit is in the WAL either way, and the WAL (up to about 16 MB) is what recovery replays.
    /// </summary>
    private const int CheckpointPages = 4000;

    /// <summary>
    /// Where the writer connection keeps its temporary storage, the statement journal with it: in WAL mode that is where a
    /// savepoint keeps the pages it changes as they were, to roll back to, and every writer of a group commit runs in one.
    /// By default SQLite keeps a statement journal in memory only up to 64 KB, and a page creation changes about 20 pages
    /// (80 KB): each one created a temporary file, wrote it (about 15 <c>pwrite</c> calls, a third of the process's) and
    /// deleted it while it held the turn. In memory it costs what one writer changes, as the WAL does on disk. (Raising the
    /// 64 KB with SQLITE_CONFIG_STMTJRNL_SPILL instead made a savepoint that outgrew the new limit fail with SQLITE_FULL
    /// when it spilled, in the SQLite this build ships.)
    /// </summary>
    private const string TemporaryStorage = "MEMORY";

    private readonly WriterQueue _queue = new();

    /// <summary>This writer's commits, counted around each COMMIT (<see cref="CommitSequence"/>).</summary>
    public CommitSequence Commits { get; } = new();

    /// <summary>
    /// The one connection the writers write on, guarded by the turn. SQLite drops a connection's whole page cache when another
    /// connection has written since its last transaction, so with every writer on a request's own pooled connection each
    /// transaction read again every b-tree page its statements touched (a page creation: about 20 reads); on the one
    /// connection that writes, those pages stay cached. One whose transaction could not be ended cleanly is replaced.
    /// </summary>
    private PooledSqliteConnection? _connection;

    /// <summary>The transaction open for the writer holding the turn, if an earlier writer passed it on uncommitted.</summary>
    private WriterBatch? _batch;

    /// <summary>Writers waiting for the turn now, for tests.</summary>
    public int Waiting => _queue.Waiting;

    /// <summary>
    /// Waits for the turn, then opens this writer's savepoint in the open transaction (or in a new one). A writer that waited
    /// <see cref="TurnWait"/> fails as SQLite's own busy timeout would (<c>SQLITE_BUSY</c>). Cancellation counts only while
    /// waiting: once the turn is held the savepoint is taken regardless, and cancelled work rolls back to it.
    /// </summary>
    public async ValueTask<WriterTurn> EnterAsync(CancellationToken ct)
    {
        if (!await _queue.EnterAsync(TurnWait, ct))
            throw new SqliteException("database is locked: another transaction of this process held the write lock for 30 s", 5);
        var batch = _batch;
        try
        {
            if (batch is null)
            {
                var connection = await ConnectionAsync();
                var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, CancellationToken.None);
                _batch = batch = new WriterBatch(connection, transaction);
            }
            await batch.Transaction.SaveAsync(Savepoint, CancellationToken.None);
        }
        catch (Exception e)
        {
            // A failed BEGIN opened nothing; a failed SAVEPOINT leaves the transaction in doubt, and the writers in it with it.
            if (_batch is { } open) Abandon(open, e);
            _queue.Release();
            throw;
        }
        batch.Members++;
        return new WriterTurn(this, batch);
    }

    /// <summary>See <see cref="WriterTurn.LeaveAsync"/>; called with the turn held.</summary>
    internal async Task LeaveAsync(WriterBatch batch, bool succeeded)
    {
        try
        {
            // A statement that failed badly (a full disk, an I/O error) or a ROLLBACK in the work ends the whole transaction:
            // SQLite is back in autocommit mode and what the earlier members wrote is gone with it.
            if (SQLitePCL.raw.sqlite3_get_autocommit(batch.Connection.Handle) != 0)
                throw new SqliteException("the writers' transaction was rolled back by a statement in it; nothing in it was committed", 1);
            if (!succeeded) await batch.Transaction.RollbackAsync(Savepoint, CancellationToken.None);
            await batch.Transaction.ReleaseAsync(Savepoint, CancellationToken.None);
        }
        catch (Exception e)
        {
            // Counted as a commit: the transaction ended on its own (a statement's ROLLBACK, an I/O error), and whatever ran
            // after that ran in autocommit mode, so what the database holds may have changed without a COMMIT of ours.
            Commits.BeginCommit();
            Abandon(batch, e);
            Commits.EndCommit();
            _queue.Release();
            return;
        }

        // Only a writer already waiting is given the open transaction: a lone writer commits at once.
        if (batch.Members < MaxMembers && Stopwatch.GetElapsedTime(batch.Started) < MaxAge && _queue.TryPass()) return;

        _batch = null;
        Commits.BeginCommit();
        try
        {
            await batch.Transaction.CommitAsync(CancellationToken.None);
            batch.Transaction.Dispose();
        }
        catch (Exception e)
        {
            // A COMMIT that failed may have left the connection inside a transaction Microsoft.Data.Sqlite thinks is over (or
            // the other way round): it is replaced, and every member of the batch answers with the error.
            Abandon(batch, e);
            Commits.EndCommit();
            _queue.Release();
            return;
        }
        // Before any member answers, so a client that saw its write succeed never gets an answer kept from before it.
        Commits.EndCommit();
        _queue.Release();
        batch.Succeed();
    }

    /// <summary>Fails every member of <paramref name="batch"/>, rolls back what is left of it and closes its connection; with the turn held.</summary>
    private void Abandon(WriterBatch batch, Exception error)
    {
        if (ReferenceEquals(_batch, batch)) _batch = null;
        try
        {
            batch.Transaction.Dispose();
        }
        catch (Exception)
        {
            // The connection is closed below either way, which ends whatever transaction is left on it.
        }
        DropConnection(batch.Connection);
        batch.Fail(error);
    }

    private async ValueTask<PooledSqliteConnection> ConnectionAsync()
    {
        if (_connection is { } open)
        {
            if (open.State == ConnectionState.Open && SQLitePCL.raw.sqlite3_get_autocommit(open.Handle) != 0) return open;
            DropConnection(open);
        }
        var connection = pool.CreateUnpooled();
        try
        {
            await SqliteConnectionPool.OpenConfiguredAsync(connection, CancellationToken.None);
            await using var settings = connection.CreateCommand();
            settings.CommandText = $"PRAGMA wal_autocheckpoint = {CheckpointPages}; PRAGMA temp_store = {TemporaryStorage}";
            await settings.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        return _connection = connection;
    }

    private void DropConnection(PooledSqliteConnection connection)
    {
        if (ReferenceEquals(_connection, connection)) _connection = null;
        try
        {
            connection.Dispose();
        }
        catch (Exception)
        {
            // Closing a broken connection may fail too; it is out of service either way.
        }
    }

    public void Dispose() => _connection?.Dispose();
}
