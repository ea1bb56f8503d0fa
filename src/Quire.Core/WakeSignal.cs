namespace Quire.Core;

/// <summary>
/// Wakes a background worker as soon as there is work for it instead of at its next poll.
/// Notifications coalesce: many while the worker is busy wake it once, and it then drains its queue.
/// Each worker has its own subclass, so each is its own singleton.
/// </summary>
public abstract class WakeSignal
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
