using System.Globalization;
using Quire.Core.Security;

namespace Quire.Server.Http;

/// <summary>
/// Confluence's "friendly" dates (<c>friendlyWhen</c>, <c>friendlyLastModified</c>,
/// <c>friendlyCreatedDate</c>): how long ago within the last day, the time for yesterday,
/// else the date, in the viewer's time zone. The steps are those of Confluence's
/// FriendlyDateFormatter (its Java class and the JavaScript twin that must agree with it):
/// under 4 s, under a minute, under 2 minutes, whole minutes under 50, about an hour under 90
/// minutes, "yesterday at" for a time of the viewer's yesterday more than 5 hours ago, rounded
/// hours under a day, and the date after that; a time still to come shows date and time.
/// The English texts are Cloud's where an answer of Cloud shows them ("just a moment ago",
/// "about 3 hours ago", "yesterday at 8:56 AM", "Jan 13, 2021"); the others follow their
/// pattern (Confluence's message texts are not published).
/// </summary>
public static class FriendlyDate
{
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    /// <summary>The friendly text of <paramref name="epochMillis"/> for <paramref name="viewer"/> at <paramref name="now"/>.</summary>
    public static string Format(long epochMillis, DateTimeOffset now, Caller viewer) => Format(epochMillis, now, viewer.TimeZone);

    public static string Format(long epochMillis, DateTimeOffset now, TimeZoneInfo zone)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(epochMillis);
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var ago = now - at;
        if (ago < TimeSpan.Zero) return local.ToString("MMM dd, yyyy HH:mm", English);
        if (ago < TimeSpan.FromSeconds(4)) return "just a moment ago";
        if (ago < TimeSpan.FromMinutes(1)) return "less than a minute ago";
        if (ago < TimeSpan.FromMinutes(2)) return "1 minute ago";
        if (ago < TimeSpan.FromMinutes(50)) return $"{(int)ago.TotalMinutes} minutes ago";
        if (ago < TimeSpan.FromMinutes(90)) return "about an hour ago";
        if (ago > TimeSpan.FromHours(5) && IsYesterday(local, now, zone)) return "yesterday at " + local.ToString("h:mm tt", English);
        if (ago < TimeSpan.FromDays(1)) return $"about {RoundedHours(ago)} hours ago";
        return local.ToString("MMM dd, yyyy", English);
    }

    /// <summary>Whether the time falls on the calendar day before today, both in the viewer's zone.</summary>
    private static bool IsYesterday(DateTimeOffset local, DateTimeOffset now, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(local.DateTime) == DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime).AddDays(-1);

    /// <summary>Whole hours, half an hour or more counting as one more (90 minutes is "about 2 hours").</summary>
    private static long RoundedHours(TimeSpan ago) => (long)ago.TotalHours + (ago.Minutes >= 30 ? 1 : 0);
}
