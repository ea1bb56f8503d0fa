using Quire.Server.Http;

namespace Quire.Server.RateLimits;

/// <summary>
/// Opt-in (<c>Quire:RateLimits:InjectShare</c>): answers that share of API requests (optionally only
/// under <c>InjectPaths</c>) with the same 429 a spent budget gives, before sign-in or anything else
/// runs, so nothing changes. Integration developers use it to see their back-off work without
/// having to exhaust a budget.
/// </summary>
public sealed class InjectedRateLimitMiddleware(RequestDelegate next, RateLimitSettings settings, RateLimitDice dice, TimeProvider time)
{
    private readonly PathString[] _paths = settings.InjectPaths.Select(p => new PathString(p.TrimEnd('/'))).ToArray();
    private readonly int? _limit = settings.PerUser.TokenLimit > 0 ? settings.PerUser.TokenLimit : null;

    public Task InvokeAsync(HttpContext context)
    {
        if (settings.InjectShare <= 0 || !RateLimitedPaths.Contains(context.Request.Path) || !Chosen(context.Request.Path) || !dice.Lands(settings.InjectShare))
            return next(context);
        var seconds = settings.InjectRetryAfterSeconds;
        return TooManyRequestsAnswer.WriteAsync(context, time, seconds,
            $"Rate limit exceeded (a 429 injected by Quire:RateLimits:InjectShare, to test back-off): try again in {TooManyRequestsAnswer.Describe(seconds)}.",
            _limit, settings.InjectReason);
    }

    private bool Chosen(PathString path)
    {
        if (_paths.Length == 0) return true;
        foreach (var prefix in _paths)
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}

/// <summary>Decides which requests get an injected 429; a test gives it a seeded <see cref="Random"/> to know which.</summary>
public sealed class RateLimitDice(Random random)
{
    private readonly Lock _lock = new();

    public RateLimitDice() : this(Random.Shared) { }

    /// <summary>True for about <paramref name="share"/> of calls: never at 0, always at 1.</summary>
    public bool Lands(double share)
    {
        if (share <= 0) return false;
        if (share >= 1) return true;
        lock (_lock) return random.NextDouble() < share;
    }
}
