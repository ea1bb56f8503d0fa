namespace Quire.Core.Tasks;

/// <summary>
/// How long a worker's claim on a task lasts and how often a running worker renews it.
/// Configured by <c>Quire:Tasks:LeaseSeconds</c> and <c>Quire:Tasks:HeartbeatSeconds</c>.
/// </summary>
public sealed class LongTaskOptions
{
    public static LongTaskOptions Default { get; } = new();

    /// <summary>How long a claim holds without a renewal before another worker may take the task over.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the worker renews its claim while the handler runs: a third of the lease, so
    /// two renewals in a row can be late (a busy database) before the claim lapses.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(10);
}
