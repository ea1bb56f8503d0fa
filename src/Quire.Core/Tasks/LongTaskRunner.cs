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
    DbSession db, LongTaskStore tasks, IEnumerable<ILongTaskHandler> handlers, TimeProvider time, ILogger<LongTaskRunner> logger)
{
    /// <summary>How long a claim holds without progress before another worker may take the task over.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    /// <summary>A task that keeps failing to finish (e.g. it crashes its worker) is given up after this many claims.</summary>
    public const int MaxAttempts = 5;

    /// <summary>Runs one task; answers false when the queue had none ready.</summary>
    public async Task<bool> RunNextAsync(string workerId, CancellationToken ct)
    {
        var task = await db.InTransactionAsync(
            () => tasks.ClaimNextAsync(workerId, time.NowMillis(), (long)Lease.TotalMilliseconds, ct), ct);
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

        var context = new LongTaskContext(task, async (percentage, message) =>
        {
            if (message is not null) messages.Add(message);
            var leaseUntil = time.NowMillis() + (long)Lease.TotalMilliseconds;
            await tasks.ReportProgressAsync(task.Id, workerId, percentage, LongTaskMessages.Serialize(messages), leaseUntil, ct);
        });

        try
        {
            await handler.RunAsync(context, ct);
            await CompleteAsync(task, workerId, true, messages);
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

    private async Task CompleteAsync(LongTaskRecord task, string workerId, bool successful, IEnumerable<string> messages)
    {
        var recorded = await tasks.CompleteAsync(task.Id, workerId, successful, successful ? LongTaskService.Succeeded : LongTaskService.Failed,
            LongTaskMessages.Serialize(messages), time.NowMillis(), CancellationToken.None);
        if (!recorded)
            logger.LogWarning("Long task {TaskId} was claimed by another worker before {WorkerId} finished it; its outcome is not recorded",
                task.Id, workerId);
    }
}
