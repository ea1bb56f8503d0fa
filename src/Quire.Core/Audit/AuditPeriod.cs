using Quire.Core.Errors;

namespace Quire.Core.Audit;

/// <summary>
/// A number of time units (the spec's <c>units</c> enum, Java's ChronoUnit names), counted back
/// from an instant with the calendar's meaning for months and longer: "3 MONTHS" before 31 May is
/// 28 or 29 February. Values that leave the calendar answer 400, never overflow.
/// </summary>
public static class AuditPeriod
{
    public static readonly IReadOnlyList<string> Units =
        ["NANOS", "MICROS", "MILLIS", "SECONDS", "MINUTES", "HOURS", "HALF_DAYS", "DAYS", "WEEKS", "MONTHS", "YEARS", "DECADES", "CENTURIES",
         "MILLENNIA", "ERAS", "FOREVER"];

    /// <summary>The instant <paramref name="number"/> <paramref name="units"/> before <paramref name="now"/>.</summary>
    public static DateTimeOffset Before(DateTimeOffset now, long number, string? units)
    {
        if (number < 0) throw new BadRequestException("number must not be negative.");
        var unit = (units ?? "").Trim().ToUpperInvariant();
        try
        {
            return unit switch
            {
                "NANOS" => now.AddTicks(-(number / 100)),
                "MICROS" => now.AddTicks(-checked(number * 10)),
                "MILLIS" => now.AddTicks(-checked(number * TimeSpan.TicksPerMillisecond)),
                "SECONDS" => now.AddTicks(-checked(number * TimeSpan.TicksPerSecond)),
                "MINUTES" => now.AddTicks(-checked(number * TimeSpan.TicksPerMinute)),
                "HOURS" => now.AddTicks(-checked(number * TimeSpan.TicksPerHour)),
                "HALF_DAYS" => now.AddTicks(-checked(number * TimeSpan.TicksPerHour * 12)),
                "DAYS" => now.AddTicks(-checked(number * TimeSpan.TicksPerDay)),
                "WEEKS" => now.AddTicks(-checked(number * TimeSpan.TicksPerDay * 7)),
                "MONTHS" => now.AddMonths(-checked((int)number)),
                "YEARS" => now.AddYears(-checked((int)number)),
                "DECADES" => now.AddYears(-checked((int)(number * 10))),
                "CENTURIES" => now.AddYears(-checked((int)(number * 100))),
                "MILLENNIA" => now.AddYears(-checked((int)(number * 1000))),
                "ERAS" or "FOREVER" => DateTimeOffset.MinValue,
                _ => throw new BadRequestException($"units must be one of {string.Join(", ", Units)}, not '{units}'."),
            };
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            // Further back than the calendar goes: everything.
            return DateTimeOffset.MinValue;
        }
    }
}
