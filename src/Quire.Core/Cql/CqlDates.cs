using System.Globalization;
using Superpower;
using Superpower.Parsers;

namespace Quire.Core.Cql;

/// <summary>
/// Date values of CQL: the literal formats Confluence accepts, the offset argument of the date
/// functions, and a pure evaluator that turns a date value into instants for a given "now",
/// time zone and first day of the week. Nothing here reads a clock.
/// </summary>
public static class CqlDates
{
    /// <summary>Confluence's date formats, most specific first.</summary>
    public static readonly string[] Formats = ["yyyy/MM/dd HH:mm", "yyyy-MM-dd HH:mm", "yyyy/MM/dd", "yyyy-MM-dd"];

    /// <summary>The largest offset amount accepted (a million of any unit is already far out of range for years).</summary>
    public const int MaxOffsetAmount = 1_000_000;

    public static bool TryParseLiteral(string text, out DateTime value, out bool hasTime)
    {
        hasTime = false;
        if (!DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
            return false;
        value = DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
        hasTime = text.Contains(':');
        return true;
    }

    static readonly TextParser<(char Sign, string Digits, char Unit)> OffsetParser =
        from sign in Character.In('+', '-').OptionalOrDefault('+')
        from digits in Span.WithAll(char.IsAsciiDigit)
        from unit in Character.In('y', 'M', 'w', 'd', 'h', 'm').OptionalOrDefault('\0')
        select (sign, digits.ToStringValue(), unit);

    /// <summary>
    /// Parses (+/-)nn(y|M|w|d|h|m), surrounding white space allowed. A missing sign is +; a
    /// missing unit is the function's own period (day, week, month, year), so startOfMonth("-1")
    /// is the start of last month; now() has no period and needs a unit.
    /// </summary>
    public static bool TryParseOffset(string text, CqlFunctionName function, out CqlOffset? offset)
    {
        offset = null;
        var result = OffsetParser.AtEnd().TryParse(text.Trim());
        if (!result.HasValue) return false;
        var (sign, digits, unitChar) = result.Value;
        if (digits.Length is 0 or > 7) return false;
        var amount = int.Parse(digits, CultureInfo.InvariantCulture);
        if (amount > MaxOffsetAmount) return false;
        CqlDateUnit? unit = unitChar switch
        {
            'y' => CqlDateUnit.Year,
            'M' => CqlDateUnit.Month,
            'w' => CqlDateUnit.Week,
            'd' => CqlDateUnit.Day,
            'h' => CqlDateUnit.Hour,
            'm' => CqlDateUnit.Minute,
            _ => NaturalUnit(function),
        };
        if (unit is null) return false;
        offset = new CqlOffset(sign == '-' ? -amount : amount, unit.Value);
        return true;
    }

    static CqlDateUnit? NaturalUnit(CqlFunctionName function) => function switch
    {
        CqlFunctionName.StartOfDay or CqlFunctionName.EndOfDay => CqlDateUnit.Day,
        CqlFunctionName.StartOfWeek or CqlFunctionName.EndOfWeek => CqlDateUnit.Week,
        CqlFunctionName.StartOfMonth or CqlFunctionName.EndOfMonth => CqlDateUnit.Month,
        CqlFunctionName.StartOfYear or CqlFunctionName.EndOfYear => CqlDateUnit.Year,
        _ => null,
    };

    /// <summary>The instant a date value stands for (the start of a plain date's day).</summary>
    public static DateTimeOffset Evaluate(CqlValue value, DateTimeOffset now, TimeZoneInfo zone,
        DayOfWeek firstDayOfWeek = DayOfWeek.Sunday) => Range(value, now, zone, firstDayOfWeek).Start;

    /// <summary>
    /// The half-open interval [Start, End) a date value covers: a plain date its whole day, a
    /// date with time its minute, a function one millisecond at its instant. A translator
    /// writes <c>=</c> as Start &lt;= t &lt; End, <c>&gt;</c> as t &gt;= End, <c>&gt;=</c> as
    /// t &gt;= Start, <c>&lt;</c> as t &lt; Start and <c>&lt;=</c> as t &lt; End, so
    /// <c>created = "2024-01-31"</c> finds what was created that day.
    /// </summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Range(CqlValue value, DateTimeOffset now,
        TimeZoneInfo zone, DayOfWeek firstDayOfWeek = DayOfWeek.Sunday)
    {
        try
        {
            switch (value)
            {
                case CqlDate date:
                    var start = ToInstant(date.Value, zone);
                    var end = ToInstant(date.HasTime ? date.Value.AddMinutes(1) : date.Value.Date.AddDays(1), zone);
                    return (start, end);
                case CqlFunction { IsDate: true } function:
                    var at = Instant(function, now, zone, firstDayOfWeek);
                    return (at, at.AddMilliseconds(1));
                default:
                    throw new CqlException($"Could not evaluate cql: {value} is not a date value");
            }
        }
        catch (ArgumentException)
        {
            throw new CqlException($"Could not evaluate cql: the date {value} is out of range");
        }
    }

    static DateTimeOffset Instant(CqlFunction function, DateTimeOffset now, TimeZoneInfo zone, DayOfWeek firstDayOfWeek)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        var offset = function.Offset;
        if (function.Name == CqlFunctionName.Now)
        {
            if (offset is null) return now.ToUniversalTime();
            return offset.Unit is CqlDateUnit.Hour or CqlDateUnit.Minute
                ? AddElapsed(now.ToUniversalTime(), offset)
                : ToInstant(AddCalendar(local, offset), zone);
        }

        var periodStart = function.Name switch
        {
            CqlFunctionName.StartOfDay or CqlFunctionName.EndOfDay => local.Date,
            CqlFunctionName.StartOfWeek or CqlFunctionName.EndOfWeek =>
                local.Date.AddDays(-(((int)local.DayOfWeek - (int)firstDayOfWeek + 7) % 7)),
            CqlFunctionName.StartOfMonth or CqlFunctionName.EndOfMonth => new DateTime(local.Year, local.Month, 1),
            _ => new DateTime(local.Year, 1, 1),
        };
        var isEnd = function.Name is CqlFunctionName.EndOfDay or CqlFunctionName.EndOfWeek
            or CqlFunctionName.EndOfMonth or CqlFunctionName.EndOfYear;
        // An end is the last millisecond before the next period starts, moved by the offset:
        // endOfMonth("+1M") is the end of next month, whatever its length.
        var boundary = isEnd
            ? function.Name switch
            {
                CqlFunctionName.EndOfDay => periodStart.AddDays(1),
                CqlFunctionName.EndOfWeek => periodStart.AddDays(7),
                CqlFunctionName.EndOfMonth => periodStart.AddMonths(1),
                _ => periodStart.AddYears(1),
            }
            : periodStart;
        DateTimeOffset instant;
        if (offset is null || offset.Unit is CqlDateUnit.Hour or CqlDateUnit.Minute)
            instant = ToInstant(boundary, zone);
        else
            instant = ToInstant(AddCalendar(boundary, offset), zone);
        if (offset is { Unit: CqlDateUnit.Hour or CqlDateUnit.Minute }) instant = AddElapsed(instant, offset);
        return isEnd ? instant.AddMilliseconds(-1) : instant;
    }

    static DateTime AddCalendar(DateTime local, CqlOffset offset) => offset.Unit switch
    {
        CqlDateUnit.Year => local.AddYears(offset.Amount),
        CqlDateUnit.Month => local.AddMonths(offset.Amount),
        CqlDateUnit.Week => local.AddDays(7.0 * offset.Amount),
        _ => local.AddDays(offset.Amount),
    };

    static DateTimeOffset AddElapsed(DateTimeOffset instant, CqlOffset offset) =>
        offset.Unit == CqlDateUnit.Hour ? instant.AddHours(offset.Amount) : instant.AddMinutes(offset.Amount);

    /// <summary>
    /// Wall-clock time in a zone to an instant (UTC). A time skipped by a daylight-saving change
    /// moves forward by the gap; a repeated time takes its first occurrence.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
            local += zone.GetUtcOffset(local.AddHours(6)) - zone.GetUtcOffset(local.AddHours(-6));
        var utcOffset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, utcOffset).ToUniversalTime();
    }
}
