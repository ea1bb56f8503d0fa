using Quire.Server.Http;

namespace Quire.Core.Tests;

/// <summary>Confluence's friendly dates, step by step, in the viewer's zone.</summary>
public sealed class FriendlyDateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 15, 40, 0, TimeSpan.Zero);

    private static string Ago(TimeSpan ago, TimeZoneInfo? zone = null) =>
        FriendlyDate.Format((Now - ago).ToUnixTimeMilliseconds(), Now, zone ?? TimeZoneInfo.Utc);

    [Theory]
    [InlineData(0, "just a moment ago")]
    [InlineData(3_999, "just a moment ago")]
    [InlineData(4_000, "less than a minute ago")]
    [InlineData(59_999, "less than a minute ago")]
    [InlineData(60_000, "1 minute ago")]
    [InlineData(119_999, "1 minute ago")]
    [InlineData(120_000, "2 minutes ago")]
    [InlineData(5 * 60_000 + 30_000, "5 minutes ago")]
    [InlineData(49 * 60_000 + 59_000, "49 minutes ago")]
    [InlineData(50 * 60_000, "about an hour ago")]
    [InlineData(89 * 60_000, "about an hour ago")]
    [InlineData(90 * 60_000, "about 2 hours ago")]
    [InlineData(2 * 3_600_000 + 29 * 60_000, "about 2 hours ago")]
    [InlineData(2 * 3_600_000 + 30 * 60_000, "about 3 hours ago")]
    [InlineData(15 * 3_600_000 + 39 * 60_000, "about 16 hours ago")] // 00:01 today: not yesterday
    public void Within_a_day_the_text_says_how_long_ago(long millis, string expected) =>
        Assert.Equal(expected, Ago(TimeSpan.FromMilliseconds(millis)));

    [Fact]
    public void Yesterday_more_than_five_hours_ago_shows_the_time_and_older_dates_the_date()
    {
        // Now is 15:40 UTC on Nov 28: 15:15 yesterday is a day minus 25 minutes ago.
        Assert.Equal("yesterday at 3:15 PM", Ago(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(25)));
        Assert.Equal("yesterday at 10:40 AM", Ago(TimeSpan.FromHours(29)));
        Assert.Equal("yesterday at 12:00 AM", Ago(TimeSpan.FromHours(39) + TimeSpan.FromMinutes(40)));
        Assert.Equal("Nov 26, 2026", Ago(TimeSpan.FromHours(40)));
        Assert.Equal("Jan 01, 2024", FriendlyDate.Format(new DateTimeOffset(2024, 1, 1, 9, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), Now, TimeZoneInfo.Utc));
    }

    [Fact]
    public void Yesterday_within_five_hours_still_counts_hours()
    {
        var justAfterMidnight = new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);
        var lateYesterday = new DateTimeOffset(2026, 11, 27, 23, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        Assert.Equal("about 3 hours ago", FriendlyDate.Format(lateYesterday, justAfterMidnight, TimeZoneInfo.Utc));
    }

    [Fact]
    public void Days_and_times_are_the_viewers()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        var at = new DateTimeOffset(2021, 1, 14, 4, 28, 36, TimeSpan.Zero).ToUnixTimeMilliseconds();
        Assert.Equal("Jan 13, 2021", FriendlyDate.Format(at, Now, zone));
        Assert.Equal("Jan 14, 2021", FriendlyDate.Format(at, Now, TimeZoneInfo.Utc));
        // 15:56 UTC is 7:56 in Los Angeles (UTC-8 in November); the next day at 16:00 UTC it is yesterday there.
        var update = new DateTimeOffset(2026, 11, 27, 15, 56, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        Assert.Equal("yesterday at 7:56 AM", FriendlyDate.Format(update, new DateTimeOffset(2026, 11, 28, 16, 0, 0, TimeSpan.Zero), zone));
    }

    [Fact]
    public void A_time_still_to_come_shows_date_and_time() =>
        Assert.Equal("Nov 28, 2026 16:40", Ago(TimeSpan.FromHours(-1)));
}
