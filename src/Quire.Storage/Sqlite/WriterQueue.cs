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
            // Asynchronous continuations: the writer that passes the turn must not run the next one's work on its own stack.
            node = _waiting.AddLast(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
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

    /// <summary>Gives the turn to the longest waiter if there is one (true); otherwise the caller keeps it (false).</summary>
    public bool TryPass() => Pass(freeIfNone: false);

    /// <summary>Gives the turn to the longest waiter, or frees it.</summary>
    public void Release() => Pass(freeIfNone: true);

    private bool Pass(bool freeIfNone)
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
        next.SetResult();
        return true;
    }
}
