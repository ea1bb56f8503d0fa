using Quire.Core.Security;

namespace Quire.Core.Tests;

/// <summary>The failed sign-in counter alone: limits, windows on the given clock, and its memory bound.</summary>
public sealed class SignInThrottleTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void A_login_over_its_limit_waits_until_its_window_ends()
    {
        var clock = new ManualClock();
        var throttle = new SignInThrottle(new SignInLimits(3, 0, TimeSpan.FromMinutes(5), 100), clock);
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(throttle.RetryAfter("Ann@Example.test", "192.0.2.1"));
            throttle.Failed("ann@example.test", "192.0.2.1");
        }
        clock.Now += TimeSpan.FromMinutes(1);
        Assert.Equal(TimeSpan.FromMinutes(4), throttle.RetryAfter("ANN@example.test", null));
        Assert.Null(throttle.RetryAfter("bob@example.test", "192.0.2.1")); // the address limit is off
        clock.Now += TimeSpan.FromMinutes(4);
        Assert.Null(throttle.RetryAfter("ann@example.test", null));
    }

    [Fact]
    public void Memory_stays_bounded_under_a_flood_of_distinct_logins()
    {
        var clock = new ManualClock();
        var throttle = new SignInThrottle(new SignInLimits(3, 5, TimeSpan.FromMinutes(5), 100), clock);
        for (var i = 0; i < 10_000; i++)
        {
            throttle.Failed($"user{i}@example.test", $"10.0.{i / 250}.{i % 250}");
            clock.Now += TimeSpan.FromMilliseconds(1);
        }
        Assert.InRange(throttle.TrackedCount, 1, 100);
        // The newest keys are the ones kept.
        throttle.Failed("user9999@example.test", null);
        throttle.Failed("user9999@example.test", null);
        Assert.NotNull(throttle.RetryAfter("user9999@example.test", null));
    }
}
