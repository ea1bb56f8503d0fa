namespace Quire.Core.Tasks;

/// <summary>
/// Wakes the worker as soon as a task is queued instead of at its next poll. Notifications
/// coalesce: many enqueues while the worker is busy wake it once, and it then drains the queue.
/// </summary>
public sealed class LongTaskSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Notify()
    {
        try { _semaphore.Release(); }
        catch (SemaphoreFullException) { /* already signalled */ }
    }

    /// <summary>Waits for a notification or the timeout, whichever comes first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _semaphore.WaitAsync(timeout, ct);
}
