namespace Quire.Core.Tasks;

/// <summary>
/// How long a worker's claim on a task lasts and how often a running worker renews it.
/// Internal settings (not in configuration): tests shorten them; production keeps the defaults.
/// </summary>
public sealed class LongTaskOptions
{
    /// <summary>How long a claim holds without a renewal before another worker may take the task over.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the worker renews its claim while the handler runs: a third of the lease, so
    /// two renewals in a row can be late (a busy database) before the claim lapses.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(10);
}
