using Quire.Storage.Tasks;

namespace Quire.Core.Tasks;

/// <summary>
/// Runs one type of long task (space deletion today; copies and archives later). Handlers
/// must be idempotent: a task interrupted by a crash runs again from the start.
/// </summary>
public interface ILongTaskHandler
{
    /// <summary>The <c>long_tasks.type</c> this handler runs.</summary>
    string Type { get; }

    Task RunAsync(LongTaskContext context, CancellationToken ct);
}

/// <summary>The task being run, and the way its handler reports progress.</summary>
public sealed class LongTaskContext(LongTaskRecord task, Func<int, string?, Task> report)
{
    public LongTaskRecord Task { get; } = task;

    /// <summary>Records progress (0-100) and, optionally, a message; also renews the worker's claim.</summary>
    public Task ReportAsync(int percentage, string? message = null) => report(Math.Clamp(percentage, 0, 99), message);
}
