namespace Quire.Server.RateLimits;

/// <summary>
/// <c>Quire:RateLimits:*</c>: the request budgets of the API (kept in memory on each node) and the
/// opt-in injected 429s. Cloud answers 429 when a caller spends its budget; Quire does the same so
/// integrations meet that answer here first. The defaults are generous: a script or a test suite of
/// one user should never meet them, a runaway loop should.
/// </summary>
public sealed class RateLimitSettings
{
    /// <summary>Each signed-in user's budget, across every app and script acting as them; anonymous callers per client address.</summary>
    public BudgetSection PerUser { get; set; } = new() { TokenLimit = 5000, TokensPerPeriod = 500, PeriodSeconds = 1 };

    /// <summary>Each app's budget (OAuth client or Connect app), one shared by all the users it acts for.</summary>
    public BudgetSection PerApp { get; set; } = new() { TokenLimit = 20000, TokensPerPeriod = 2000, PeriodSeconds = 1 };

    /// <summary>The share of API requests (0 to 1) answered 429 before anything else happens, to test a client's back-off; 0 (default) is off.</summary>
    public double InjectShare { get; set; }

    /// <summary>Path prefixes the injected 429s are limited to (e.g. <c>/wiki/api/v2/pages</c>); empty: every rate-limited path.</summary>
    public List<string> InjectPaths { get; set; } = [];

    /// <summary>The <c>Retry-After</c> seconds an injected 429 names.</summary>
    public int InjectRetryAfterSeconds { get; set; } = 1;

    /// <summary>The <c>RateLimit-Reason</c> an injected 429 names, so a client's handling of each of Cloud's reasons can be tried.</summary>
    public string InjectReason { get; set; } = RateLimitReasons.Burst;

    /// <summary>
    /// A token bucket: it holds at most <see cref="TokenLimit"/> requests (the largest burst) and
    /// refills <see cref="TokensPerPeriod"/> every <see cref="PeriodSeconds"/>, continuously (the
    /// sustained rate). Each request takes one token; an empty bucket answers 429.
    /// </summary>
    public sealed class BudgetSection
    {
        /// <summary>Requests the bucket holds; 0 turns this budget off.</summary>
        public int TokenLimit { get; set; }

        public int TokensPerPeriod { get; set; }

        public double PeriodSeconds { get; set; }
    }

    /// <summary>These settings, checked: a wrong value stops the server at start-up with the key to fix.</summary>
    public RateLimitSettings Validated()
    {
        Check(PerUser, "PerUser");
        Check(PerApp, "PerApp");
        if (!(InjectShare is >= 0 and <= 1))
            throw new InvalidOperationException("Quire:RateLimits:InjectShare must be between 0 and 1.");
        if (InjectRetryAfterSeconds < 1)
            throw new InvalidOperationException("Quire:RateLimits:InjectRetryAfterSeconds must be 1 or more.");
        // A header value: printable ASCII only (Kestrel refuses to send anything else).
        if (string.IsNullOrWhiteSpace(InjectReason) || InjectReason.Any(c => c is < ' ' or > '~'))
            throw new InvalidOperationException("Quire:RateLimits:InjectReason must be printable ASCII, e.g. confluence-burst-based.");
        if (InjectPaths.Any(p => !p.StartsWith('/')))
            throw new InvalidOperationException("Quire:RateLimits:InjectPaths must be paths starting with '/', e.g. /wiki/api/v2/pages.");
        return this;
    }

    private static void Check(BudgetSection budget, string name)
    {
        if (budget.TokenLimit < 0)
            throw new InvalidOperationException($"Quire:RateLimits:{name}:TokenLimit must be 0 (off) or more.");
        if (budget.TokenLimit > 0 && (budget.TokensPerPeriod < 1 || !(budget.PeriodSeconds > 0) || double.IsInfinity(budget.PeriodSeconds)))
            throw new InvalidOperationException(
                $"Quire:RateLimits:{name}: TokensPerPeriod must be 1 or more and PeriodSeconds above 0.");
    }
}

/// <summary>
/// Cloud's <c>RateLimit-Reason</c> values that Quire's budgets stand for: Cloud limits bursts (what
/// Quire's per-user budget is like) and each app's quota on a site (what Quire's per-app budget is).
/// </summary>
public static class RateLimitReasons
{
    public const string Burst = "confluence-burst-based";
    public const string TenantQuota = "confluence-quota-tenant-based";
}
