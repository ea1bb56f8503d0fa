using Quire.Core.Cql;

namespace Quire.Core.Tests.Cql;

public sealed class CqlDatesTests
{
    // Wednesday 13 March 2024, 15:30 UTC.
    static readonly DateTimeOffset Now = new(2024, 3, 13, 15, 30, 0, TimeSpan.Zero);

    // Central European time with EU daylight-saving rules, built here so the tests need no tzdata.
    static readonly TimeZoneInfo Cet = TimeZoneInfo.CreateCustomTimeZone("Test/CET", TimeSpan.FromHours(1), "CET", "CET", "CEST",
    [
        TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 5, DayOfWeek.Sunday),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0), 10, 5, DayOfWeek.Sunday)),
    ]);

    static CqlValue Value(string cql) => ((CqlClause)CqlParser.Parse(cql).Where!).Value;

    static string Eval(string value, TimeZoneInfo? zone = null, DateTimeOffset? now = null, DayOfWeek first = DayOfWeek.Sunday) =>
        CqlDates.Evaluate(Value("created > " + value), now ?? Now, zone ?? TimeZoneInfo.Utc, first)
            .UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff");

    [Theory]
    [InlineData("now()", "2024-03-13 15:30:00.000")]
    [InlineData("now(\"-4w\")", "2024-02-14 15:30:00.000")]
    [InlineData("now(\"+2h\")", "2024-03-13 17:30:00.000")]
    [InlineData("now(\"-90m\")", "2024-03-13 14:00:00.000")]
    [InlineData("now(\"1y\")", "2025-03-13 15:30:00.000")]
    [InlineData("now(\"-1M\")", "2024-02-13 15:30:00.000")]
    [InlineData("startOfDay()", "2024-03-13 00:00:00.000")]
    [InlineData("startOfDay(\"-1\")", "2024-03-12 00:00:00.000")]
    [InlineData("startOfDay(\"+6h\")", "2024-03-13 06:00:00.000")]
    [InlineData("endOfDay()", "2024-03-13 23:59:59.999")]
    [InlineData("endOfDay(\"-1d\")", "2024-03-12 23:59:59.999")]
    [InlineData("startOfWeek()", "2024-03-10 00:00:00.000")]
    [InlineData("startOfWeek(\"-1\")", "2024-03-03 00:00:00.000")]
    [InlineData("endOfWeek()", "2024-03-16 23:59:59.999")]
    [InlineData("startOfMonth()", "2024-03-01 00:00:00.000")]
    [InlineData("startOfMonth(\"+1M\")", "2024-04-01 00:00:00.000")]
    [InlineData("startOfMonth(\"+14d\")", "2024-03-15 00:00:00.000")]
    [InlineData("endOfMonth()", "2024-03-31 23:59:59.999")]
    [InlineData("endOfMonth(\"-1M\")", "2024-02-29 23:59:59.999")]
    [InlineData("endOfMonth(\"+1\")", "2024-04-30 23:59:59.999")]
    [InlineData("startOfYear()", "2024-01-01 00:00:00.000")]
    [InlineData("endOfYear(\"-1y\")", "2023-12-31 23:59:59.999")]
    [InlineData("\"2024-01-31\"", "2024-01-31 00:00:00.000")]
    [InlineData("\"2024/01/31 13:45\"", "2024-01-31 13:45:00.000")]
    public void Date_values_evaluate_in_utc(string value, string expected) =>
        Assert.Equal(expected, Eval(value));

    [Fact]
    public void The_first_day_of_the_week_is_a_parameter()
    {
        Assert.Equal("2024-03-11 00:00:00.000", Eval("startOfWeek()", first: DayOfWeek.Monday));
        Assert.Equal("2024-03-17 23:59:59.999", Eval("endOfWeek()", first: DayOfWeek.Monday));
        // On the first day itself the week starts that day.
        Assert.Equal("2024-03-10 00:00:00.000", Eval("startOfWeek()", now: new DateTimeOffset(2024, 3, 10, 8, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Periods_are_those_of_the_time_zone()
    {
        Assert.Equal("2024-03-12 23:00:00.000", Eval("startOfDay()", Cet));
        Assert.Equal("2024-03-13 22:59:59.999", Eval("endOfDay()", Cet));
        Assert.Equal("2024-01-31 12:45:00.000", Eval("\"2024/01/31 13:45\"", Cet));
        // Late on 31 December UTC it is already the next year in Berlin.
        var newYear = new DateTimeOffset(2024, 12, 31, 23, 30, 0, TimeSpan.Zero);
        Assert.Equal("2024-12-31 23:00:00.000", Eval("startOfYear()", Cet, newYear));
        Assert.Equal("2024-01-01 00:00:00.000", Eval("startOfYear()", TimeZoneInfo.Utc, newYear));
    }

    [Fact]
    public void Daylight_saving_days_have_their_real_length()
    {
        var dstDay = new DateTimeOffset(2024, 3, 31, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal("2024-03-30 23:00:00.000", Eval("startOfDay()", Cet, dstDay));
        Assert.Equal("2024-03-31 21:59:59.999", Eval("endOfDay()", Cet, dstDay));
        // 02:30 does not exist that night: it moves forward by the gap, to 03:30 CEST.
        Assert.Equal("2024-03-31 01:30:00.000", Eval("\"2024-03-31 02:30\"", Cet));
        // 02:30 happens twice in October: the first one (CEST) is meant.
        Assert.Equal("2024-10-27 00:30:00.000", Eval("\"2024-10-27 02:30\"", Cet));
    }

    [Fact]
    public void Ranges_cover_a_day_a_minute_or_an_instant()
    {
        var day = CqlDates.Range(Value("created = 2024-03-31"), Now, Cet);
        Assert.Equal(new DateTimeOffset(2024, 3, 30, 23, 0, 0, TimeSpan.Zero), day.Start);
        Assert.Equal(new DateTimeOffset(2024, 3, 31, 22, 0, 0, TimeSpan.Zero), day.End); // a 23-hour day
        var minute = CqlDates.Range(Value("created = \"2024-01-31 13:45\""), Now, TimeZoneInfo.Utc);
        Assert.Equal(TimeSpan.FromMinutes(1), minute.End - minute.Start);
        var instant = CqlDates.Range(Value("created = now()"), Now, TimeZoneInfo.Utc);
        Assert.Equal((Now, Now.AddMilliseconds(1)), instant);
    }

    [Fact]
    public void Out_of_range_dates_are_400s()
    {
        var e = Assert.Throws<CqlException>(() => Eval("startOfYear(\"-1000000y\")"));
        Assert.Equal("Could not evaluate cql: the date startOfYear(\"-1000000y\") is out of range", e.Message);
        Assert.Throws<CqlException>(() => Eval("now(\"+1000000y\")"));
        Assert.Throws<CqlException>(() => Eval("endOfMonth(\"1000000M\")"));
        Assert.Throws<CqlException>(() => CqlDates.Evaluate(Value("creator = currentUser()"), Now, TimeZoneInfo.Utc));
    }

    [Fact]
    public void Offsets_follow_the_reference()
    {
        Assert.True(CqlDates.TryParseOffset("-4w", CqlFunctionName.Now, out var o));
        Assert.Equal(new CqlOffset(-4, CqlDateUnit.Week), o);
        Assert.True(CqlDates.TryParseOffset("+1M", CqlFunctionName.Now, out o));
        Assert.Equal(new CqlOffset(1, CqlDateUnit.Month), o);
        Assert.True(CqlDates.TryParseOffset("1m", CqlFunctionName.Now, out o));
        Assert.Equal(new CqlOffset(1, CqlDateUnit.Minute), o);
        Assert.True(CqlDates.TryParseOffset("-2", CqlFunctionName.EndOfYear, out o));
        Assert.Equal(new CqlOffset(-2, CqlDateUnit.Year), o);
        foreach (var bad in new[] { "", "-", "+-1d", "1D", "1 d", "1dd", "w", "1.5d", "2", "12345678d" })
            Assert.False(CqlDates.TryParseOffset(bad, CqlFunctionName.Now, out _), bad);
    }
}
