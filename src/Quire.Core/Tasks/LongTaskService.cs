using System.Text.Json;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Storage.Tasks;

namespace Quire.Core.Tasks;

/// <summary>Queues long tasks and answers who may see them: their owner, and site admins.</summary>
public sealed class LongTaskService(LongTaskStore tasks, TimeProvider time)
{
    public const string Queued = "QUEUED";
    public const string Running = "RUNNING";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";

    /// <summary>
    /// Adds a task to the queue in the caller's transaction, so it exists exactly when the
    /// change that needs it commits. Call <see cref="LongTaskSignal.Notify"/> after the commit.
    /// </summary>
    public async Task<LongTaskRecord> EnqueueAsync(
        string type, string nameKey, object payload, long? ownerId, CancellationToken ct = default)
    {
        var task = new LongTaskRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            Type = type,
            NameKey = nameKey,
            Payload = JsonSerializer.Serialize(payload),
            OwnerId = ownerId,
            Status = Queued,
            CreatedAt = time.NowMillis(),
        };
        await tasks.InsertAsync(task, ct);
        return task;
    }

    public async Task<LongTaskRecord> GetAsync(Caller caller, string? id, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(id)) throw new BadRequestException("id is required.");
        var task = await tasks.FindAsync(id, ct);
        // Another user's task answers like a missing one, as the spec says.
        if (task is null || (!caller.IsSiteAdmin && task.OwnerId != caller.UserId))
            throw new NotFoundException($"No long-running task with id '{id}' was found.");
        return task;
    }

    public async Task<Page<LongTaskRecord>> ListAsync(Caller caller, PageRequest page, CancellationToken ct = default)
    {
        var rows = await tasks.ListAsync(caller.IsSiteAdmin ? null : caller.UserId, page.Start, page.FetchCount, ct);
        return Page<LongTaskRecord>.FromOverfetch(rows, page);
    }

    /// <summary>Milliseconds the task has run: until it finished, or until now.</summary>
    public long ElapsedMillis(LongTaskRecord task) =>
        task.StartedAt is not { } started ? 0 : Math.Max(0, (task.FinishedAt ?? time.NowMillis()) - started);
}
