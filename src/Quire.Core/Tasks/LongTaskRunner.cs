using Microsoft.Extensions.Logging;
using Quire.Core.Errors;
using Quire.Storage;
using Quire.Storage.Tasks;

namespace Quire.Core.Tasks;

/// <summary>
/// Claims the next task from the queue and runs its handler, recording the outcome.
/// One instance per unit of work (scoped), so the handler shares its database session.
/// </summary>
public sealed class LongTaskRunner(
    DbSession db, LongTaskStore tasks, IEnumerable<ILongTaskHandler> handlers, LongTaskHeartbeat heartbeat, LongTaskOptions options,
    TimeProvider time, ILogger<LongTaskRunner> logger)
{
    private long LeaseMillis => (long)options.Lease.TotalMilliseconds;

    /// <summary>A task that keeps failing to finish (e.g. it crashes its worker) is given up after this many claims.</summary>
    public const int MaxAttempts = 5;

    /// <summary>Runs one task; answers false when the queue had none ready.</summary>
    public async Task<bool> RunNextAsync(string workerId, CancellationToken ct)
    {
        // Looked for first without a transaction: an idle poll must not take SQLite's write lock.
        if (!await tasks.AnyClaimableAsync(time.NowMillis(), ct)) return false;
        var task = await db.InTransactionAsync(
            () => tasks.ClaimNextAsync(workerId, time.NowMillis(), LeaseMillis, ct), ct);
        if (task is null) return false;

        var messages = LongTaskMessages.Parse(task.Messages).ToList();
        if (task.Attempts > MaxAttempts)
        {
            messages.Add($"Gave up after {MaxAttempts} attempts.");
            await CompleteAsync(task, workerId, false, messages);
            return true;
        }

        var handler = handlers.FirstOrDefault(h => h.Type == task.Type);
        if (handler is null)
        {
            messages.Add($"No handler runs tasks of type '{task.Type}'.");
            await CompleteAsync(task, workerId, false, messages);
            return true;
        }

        // The handler stops when the worker shuts down or when its heartbeat finds the task taken over.
        using var claimLost = new CancellationTokenSource();
        using var handlerStop = CancellationTokenSource.CreateLinkedTokenSource(ct, claimLost.Token);
        var handlerCt = handlerStop.Token;
        var context = new LongTaskContext(task, async (percentage, message) =>
        {
            if (message is not null) messages.Add(message);
            var leaseUntil = time.NowMillis() + LeaseMillis;
            // A report that finds the task no longer ours stops the handler as the heartbeat would.
            if (!await tasks.ReportProgressAsync(task.Id, workerId, percentage, LongTaskMessages.Serialize(messages), leaseUntil, handlerCt))
            {
                await claimLost.CancelAsync();
                handlerCt.ThrowIfCancellationRequested();
            }
        });

        try
        {
            await using (heartbeat.Start(task.Id, workerId, claimLost))
            using (db.CheckBeforeCommit(commitCt => ConfirmClaimAsync(task.Id, workerId, claimLost, commitCt)))
                await handler.RunAsync(context, handlerCt);
            await CompleteAsync(task, workerId, true, messages);
        }
        catch (Exception) when (claimLost.IsCancellationRequested)
        {
            // Another worker owns the task now and its run decides the outcome; ours was stopped
            // (however the cancellation surfaced: a cancelled command may throw a database error).
            logger.LogWarning("Long task {TaskId} was taken over from {WorkerId}; its outcome is left to the new owner", task.Id, workerId);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: hand the task back so the next start (or another node) resumes it.
            await tasks.ReleaseAsync(task.Id, workerId, CancellationToken.None);
        }
        catch (QuireException refusal)
        {
            // A failure the task's owner must hear about (the handler says what went wrong).
            messages.Add("The task failed: " + refusal.Message);
            await CompleteAsync(task, workerId, false, messages);
        }
        catch (Exception exception)
        {
            // Anything else is a fault of ours: its message may name our types or data, so it stays in the log.
            logger.LogError(exception, "Long task {TaskId} of type {Type} failed", task.Id, task.Type);
            messages.Add($"The task failed because of an internal error; it has been logged (task {task.Id}).");
            await CompleteAsync(task, workerId, false, messages);
        }
        return true;
    }

    /// <summary>
    /// The last statement of each of the handler's transactions: renews the claim if this worker
    /// still holds it, in the same transaction as the handler's writes, or stops the handler. Its
    /// heartbeat alone cannot promise that: renewals delayed past the lease (a paused process, a
    /// slow network) let another worker take the task over before the owner's next renewal finds
    /// out. On PostgreSQL the renewal locks the task's row until the commit, so a takeover waits
    /// for it and then finds the claim renewed; SQLite has one writer at a time.
    /// </summary>
    private async Task ConfirmClaimAsync(string taskId, string workerId, CancellationTokenSource claimLost, CancellationToken ct)
    {
        if (await tasks.RenewClaimAsync(taskId, workerId, time.NowMillis() + LeaseMillis, ct)) return;
        await claimLost.CancelAsync();
        throw new OperationCanceledException("The task was taken over by another worker; this worker's writes are rolled back.", claimLost.Token);
    }

    private async Task CompleteAsync(LongTaskRecord task, string workerId, bool successful, IEnumerable<string> messages)
    {
        var recorded = await tasks.CompleteAsync(task.Id, workerId, successful, successful ? LongTaskService.Succeeded : LongTaskService.Failed,
            LongTaskMessages.Serialize(messages), time.NowMillis(), CancellationToken.None);
        if (!recorded)
            logger.LogWarning("Long task {TaskId} was claimed by another worker before {WorkerId} finished it; its outcome is not recorded",
                task.Id, workerId);
    }
}
