namespace Quire.Storage.Sqlite;

/// <summary>
/// This process's one SQLite writer turn, handed on in arrival order. Unlike a semaphore it can say, atomically with handing
/// the turn on, whether anyone took it (<see cref="TryPass"/>): a group commit leaves its transaction open for the next writer
/// only when one is already waiting, and must know it was taken, not merely released, or the open transaction would be left
/// with no one to commit it.
/// </summary>
internal sealed class WriterQueue
{
    private readonly object _gate = new();
    private readonly LinkedList<TaskCompletionSource> _waiting = new();
    private bool _held;

    /// <summary>Writers waiting for the turn now.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate) return _waiting.Count;
        }
    }

    /// <summary>
    /// Waits for the turn; false after <paramref name="timeout"/>. A waiter cancelled or timed out leaves the queue and is never
    /// given the turn; one given it in the same instant as its cancellation holds it (answers true) and must give it back.
    /// </summary>
    public async ValueTask<bool> EnterAsync(TimeSpan timeout, CancellationToken ct)
    {
        LinkedListNode<TaskCompletionSource> node;
        lock (_gate)
        {
            if (!_held)
            {
                _held = true;
                return true;
            }
            // Synchronous continuations: a writer that passes the turn inside a batch runs the next one's work on its own stack
            // (TryPass); one that frees it after a commit queues the next one (Release).
            node = _waiting.AddLast(new TaskCompletionSource());
        }
        try
        {
            await node.Value.Task.WaitAsync(timeout, ct);
            return true;
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            lock (_gate)
            {
                if (node.List is not null)
                {
                    _waiting.Remove(node);
                    if (e is TimeoutException) return false;
                    throw;
                }
            }
            // Given the turn as the wait ended: it is this caller's now.
            return true;
        }
    }

    /// <summary>
    /// Gives the turn to the longest waiter if there is one (true); otherwise the caller keeps it (false). The waiter goes on
    /// at once, on this thread, until its work first waits for something (a writer's SQLite work never does: it runs to its
    /// own <see cref="TryPass"/> or commit): queued instead, it waited for a thread-pool thread while the writer connection
    /// sat idle, a mean of 46 to 290 µs a hand-over while 16 clients created pages on two busy cores (against about 360 µs of
    /// work a writer does in the turn), and about 1 µs so. It is the passing writer's last act, so nothing of its own waits
    /// meanwhile but its request's answer, which waits for the batch's commit anyway. Each writer leaves that stack once it has
    /// left the turn (<see cref="DbSession"/> yields after its commit or its failure), so a batch's
    /// <see cref="SqliteWriter.MaxMembers"/> bound the depth; and .NET queues a continuation rather than run it on a stack near its end.
    /// </summary>
    public bool TryPass() => Pass(freeIfNone: false, inline: true);

    /// <summary>
    /// Gives the turn to the longest waiter, or frees it. The waiter is queued to the thread pool: a writer that has just
    /// committed still has its batch to answer, which must not wait on a whole next batch run on its stack.
    /// </summary>
    public void Release() => Pass(freeIfNone: true, inline: false);

    private bool Pass(bool freeIfNone, bool inline)
    {
        TaskCompletionSource next;
        lock (_gate)
        {
            if (_waiting.First is not { } first)
            {
                if (freeIfNone) _held = false;
                return false;
            }
            _waiting.RemoveFirst();
            next = first.Value;
        }
        if (inline) next.SetResult();
        else ThreadPool.UnsafeQueueUserWorkItem(static waiter => waiter.SetResult(), next, preferLocal: true);
        return true;
    }
}
