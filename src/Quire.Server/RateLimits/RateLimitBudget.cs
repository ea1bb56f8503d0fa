using System.Threading.RateLimiting;

namespace Quire.Server.RateLimits;

/// <summary>
/// One kind of budget (per user, per app): a token bucket for each partition key, made on first use
/// and dropped by the library once it has been full and idle for a while, so memory follows the
/// callers of the last seconds, not every caller ever seen.
/// </summary>
public sealed class RateLimitBudget<TKey> : IRateLimitBudgetInfo, IDisposable where TKey : notnull
{
    private readonly PartitionedRateLimiter<TKey> _limiter;

    public RateLimitBudget(RateLimitSettings.BudgetSection settings, string reason, string refusal)
    {
        Limit = settings.TokenLimit;
        Reason = reason;
        Refusal = refusal;
        // Without auto-replenishment the partitioned limiter's own heartbeat refills every bucket
        // (one timer in all, not one per bucket), and the token bucket then adds what the elapsed time earned.
        var options = new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.TokenLimit,
            TokensPerPeriod = settings.TokensPerPeriod,
            ReplenishmentPeriod = TimeSpan.FromSeconds(settings.PeriodSeconds),
            QueueLimit = 0,
            AutoReplenishment = false,
        };
        // One factory for all partitions: the partitioner allocates nothing per request.
        Func<TKey, RateLimiter> factory = _ => new TokenBucketRateLimiter(options);
        _limiter = PartitionedRateLimiter.Create<TKey, TKey>(key => RateLimitPartition.Get(key, factory));
    }

    /// <summary>Requests a full bucket holds: Cloud's <c>X-RateLimit-Limit</c>.</summary>
    public int Limit { get; }

    /// <summary>Cloud's <c>RateLimit-Reason</c> for a refusal by this budget.</summary>
    public string Reason { get; }

    /// <summary>What a refused caller is told, before the wait.</summary>
    public string Refusal { get; }

    /// <summary>Takes one request from <paramref name="key"/>'s bucket.</summary>
    public RateLimitOutcome Take(TKey key)
    {
        using var lease = _limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
            return RateLimitOutcome.Allowed(this, _limiter.GetStatistics(key)?.CurrentAvailablePermits ?? 0);
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        return RateLimitOutcome.Refused(this, retryAfter);
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>What a budget said about one request: allowed (with what is left) or refused (with how long to wait).</summary>
public readonly record struct RateLimitOutcome
{
    private RateLimitOutcome(IRateLimitBudgetInfo? budget, bool isAllowed, long remaining, TimeSpan retryAfter)
    {
        Budget = budget;
        IsAllowed = isAllowed;
        Remaining = remaining;
        RetryAfter = retryAfter;
    }

    /// <summary>The budget that decided; null when no budget applies (all off).</summary>
    public IRateLimitBudgetInfo? Budget { get; }
    public bool IsAllowed { get; }
    public long Remaining { get; }
    public TimeSpan RetryAfter { get; }

    /// <summary>No budget applies: allowed, and no rate-limit headers to send.</summary>
    public static RateLimitOutcome Unlimited => new(null, true, 0, TimeSpan.Zero);

    public static RateLimitOutcome Allowed(IRateLimitBudgetInfo budget, long remaining) => new(budget, true, remaining, TimeSpan.Zero);

    public static RateLimitOutcome Refused(IRateLimitBudgetInfo budget, TimeSpan retryAfter) => new(budget, false, 0, retryAfter);

    /// <summary>Cloud's early warning: under 20% of the budget left.</summary>
    public bool NearLimit => Budget is { } budget && Remaining * 5 < budget.Limit;

    /// <summary>The share of the budget left, to report the tighter of two budgets.</summary>
    public double Share => Budget is { Limit: > 0 } budget ? (double)Remaining / budget.Limit : 1;
}

/// <summary>What the answer names of a budget, whatever its key type.</summary>
public interface IRateLimitBudgetInfo
{
    int Limit { get; }
    string Reason { get; }
    string Refusal { get; }
}
