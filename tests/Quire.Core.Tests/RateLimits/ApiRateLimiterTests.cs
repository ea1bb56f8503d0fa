using System.Net;
using Quire.Core.Apps;
using Quire.Core.Security;
using Quire.Server.RateLimits;
using Quire.Storage.Users;

namespace Quire.Core.Tests.RateLimits;

/// <summary>
/// How the budgets partition requests: per user (or client address), and per app across all the
/// app's users. Buckets here barely refill (one token an hour), so counts are exact.
/// </summary>
public sealed class ApiRateLimiterTests
{
    private static RateLimitSettings Settings(int perUser, int perApp) => new RateLimitSettings
    {
        PerUser = new() { TokenLimit = perUser, TokensPerPeriod = 1, PeriodSeconds = 3600 },
        PerApp = new() { TokenLimit = perApp, TokensPerPeriod = 1, PeriodSeconds = 3600 },
    }.Validated();

    private static RateLimitClient User(string accountId) => new(accountId, UInt128.Zero);

    private static AppAccess App(string key, AppKind kind = AppKind.OAuth) => new(kind, key, new HashSet<string> { "READ" });

    private static Caller CallerOf(string accountId) => new(
        new UserRecord { Id = 7, AccountId = accountId, UserName = accountId, Email = accountId + "@example.test", DisplayName = accountId },
        new HashSet<string>(), isSiteAdmin: false);

    [Fact]
    public void A_caller_through_an_app_spends_the_apps_budget_keyed_by_kind_and_key()
    {
        using var limiter = new ApiRateLimiter(Settings(perUser: 100, perApp: 1));
        var oauth = App("same-key", AppKind.OAuth);
        Assert.True(limiter.Take(CallerOf("a").ThroughApp(oauth), null).IsAllowed);
        var refused = limiter.Take(CallerOf("b").ThroughApp(oauth), IPAddress.Loopback);
        Assert.False(refused.IsAllowed);
        Assert.Equal(RateLimitReasons.TenantQuota, refused.Budget!.Reason);
        // A Connect app of the same key is another app; the user calling directly spends no app budget.
        Assert.True(limiter.Take(CallerOf("b").ThroughApp(App("same-key", AppKind.Connect)), null).IsAllowed);
        Assert.True(limiter.Take(CallerOf("b"), null).IsAllowed);
    }

    [Fact]
    public void An_apps_budget_is_shared_by_all_its_users_and_apart_from_other_apps()
    {
        using var limiter = new ApiRateLimiter(Settings(perUser: 100, perApp: 3));
        Assert.True(limiter.Take(User("a"), App("app-1")).IsAllowed);
        Assert.True(limiter.Take(User("b"), App("app-1")).IsAllowed);
        var last = limiter.Take(User("c"), App("app-1"));
        Assert.True(last.IsAllowed);
        Assert.Equal(0, last.Remaining);
        Assert.Equal(RateLimitReasons.TenantQuota, last.Budget!.Reason);

        // A fourth user of the same app is refused by the app's budget, their own being full.
        var refused = limiter.Take(User("d"), App("app-1"));
        Assert.False(refused.IsAllowed);
        Assert.Equal(RateLimitReasons.TenantQuota, refused.Budget!.Reason);
        Assert.Equal(3, refused.Budget.Limit);
        Assert.True(refused.RetryAfter > TimeSpan.Zero);

        // Another app, and the same users calling directly, are not limited by it.
        Assert.True(limiter.Take(User("d"), App("app-2")).IsAllowed);
        var direct = limiter.Take(User("a"), app: null);
        Assert.True(direct.IsAllowed);
        Assert.Equal(RateLimitReasons.Burst, direct.Budget!.Reason);
        Assert.Equal(98, direct.Remaining);
    }

    [Fact]
    public void A_users_spent_budget_refuses_them_through_any_app_and_spends_no_app_token()
    {
        using var limiter = new ApiRateLimiter(Settings(perUser: 2, perApp: 3));
        Assert.True(limiter.Take(User("a"), App("app-1")).IsAllowed);
        Assert.True(limiter.Take(User("a"), App("app-2")).IsAllowed);
        var refused = limiter.Take(User("a"), App("app-1"));
        Assert.False(refused.IsAllowed);
        Assert.Equal(RateLimitReasons.Burst, refused.Budget!.Reason);
        // app-1 spent one token (the first call), not two: two more users get through, a third does not.
        Assert.True(limiter.Take(User("b"), App("app-1")).IsAllowed);
        Assert.True(limiter.Take(User("c"), App("app-1")).IsAllowed);
        Assert.Equal(RateLimitReasons.TenantQuota, limiter.Take(User("d"), App("app-1")).Budget!.Reason);
    }

    [Fact]
    public void An_allowed_request_reports_the_budget_with_the_smaller_share_left()
    {
        using var limiter = new ApiRateLimiter(Settings(perUser: 10, perApp: 100));
        var outcome = limiter.Take(User("a"), App("app-1"));
        Assert.Equal(10, outcome.Budget!.Limit);
        Assert.Equal(9, outcome.Remaining);
        for (var i = 0; i < 95; i++) limiter.Take(User("u" + i), App("app-1"));
        outcome = limiter.Take(User("b"), App("app-1"));
        Assert.Equal(100, outcome.Budget!.Limit);
        Assert.Equal(3, outcome.Remaining);
        Assert.True(outcome.NearLimit);
    }

    [Fact]
    public void Budgets_set_to_zero_are_off()
    {
        using var limiter = new ApiRateLimiter(Settings(perUser: 0, perApp: 0));
        var outcome = limiter.Take(User("a"), App("app-1"));
        Assert.True(outcome.IsAllowed);
        Assert.Null(outcome.Budget);
    }

    [Theory]
    [InlineData("203.0.113.7", "::ffff:203.0.113.7", true)]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2:ffff::9", true)]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1", false)]
    [InlineData("203.0.113.7", "203.0.113.8", false)]
    [InlineData("0.0.0.1", "::1", false)]
    public void Client_addresses_are_keyed_as_the_sign_in_throttle_names_them(string first, string second, bool same)
    {
        var a = RateLimitClient.Of(null, IPAddress.Parse(first));
        var b = RateLimitClient.Of(null, IPAddress.Parse(second));
        Assert.Equal(same, a == b);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Wrong_settings_name_their_key(double share)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => new RateLimitSettings { InjectShare = share }.Validated());
        Assert.Contains("Quire:RateLimits:InjectShare", failure.Message);
        var budget = Assert.Throws<InvalidOperationException>(() =>
            new RateLimitSettings { PerApp = new() { TokenLimit = 5, TokensPerPeriod = 0, PeriodSeconds = 1 } }.Validated());
        Assert.Contains("PerApp", budget.Message);
        var reason = Assert.Throws<InvalidOperationException>(() => new RateLimitSettings { InjectReason = "burst\r\nSet-Cookie: x" }.Validated());
        Assert.Contains("InjectReason", reason.Message);
    }
}
