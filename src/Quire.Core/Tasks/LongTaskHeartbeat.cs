using Microsoft.Extensions.Logging;
using Quire.Storage;
using Quire.Storage.Tasks;

namespace Quire.Core.Tasks;

/// <summary>
/// Renews a worker's claim on a task while its handler runs, so a task that takes longer than
/// the lease is not taken over by another worker (or node) while its owner is alive. Renewals
/// run on their own connection, one short statement each: the handler's session may be inside a
/// long transaction whose writes nobody sees until it commits.
/// </summary>
public sealed class LongTaskHeartbeat(Database database, LongTaskOptions options, TimeProvider time, ILogger<LongTaskHeartbeat> logger)
{
    /// <summary>
    /// Starts renewing <paramref name="workerId"/>'s claim on task <paramref name="taskId"/> until
    /// the answer is disposed. When a renewal finds the claim gone (another worker took the task
    /// over after the lease lapsed), <paramref name="claimLost"/> is cancelled so the handler stops
    /// and its uncommitted work rolls back instead of racing the new owner.
    /// </summary>
    public IAsyncDisposable Start(string taskId, string workerId, CancellationTokenSource claimLost)
    {
        var stop = new CancellationTokenSource();
        var loop = RenewUntilStoppedAsync(taskId, workerId, claimLost, stop.Token);
        return new Running(stop, loop);
    }

    private async Task RenewUntilStoppedAsync(string taskId, string workerId, CancellationTokenSource claimLost, CancellationToken stop)
    {
        // The flow's commands are background work, not a request's (see Database.CommandCount).
        Database.ExcludeFlowFromCommandCount();
        while (true)
        {
            try { await Task.Delay(options.HeartbeatInterval, time, stop); }
            catch (OperationCanceledException) { return; }

            bool held;
            try
            {
                await using var session = new DbSession(database);
                held = await new LongTaskStore(session).RenewClaimAsync(
                    taskId, workerId, time.NowMillis() + (long)options.Lease.TotalMilliseconds, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // A missed renewal is not a lost claim: the lease outlasts two more attempts.
                logger.LogWarning(exception, "Could not renew the claim of {WorkerId} on long task {TaskId}", workerId, taskId);
                continue;
            }

            if (!held)
            {
                logger.LogWarning("Long task {TaskId} was taken over from {WorkerId}; stopping its handler", taskId, workerId);
                await claimLost.CancelAsync();
                return;
            }
        }
    }

    private sealed class Running(CancellationTokenSource stop, Task loop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await loop;
            stop.Dispose();
        }
    }
}
