using Booking.Domain.Reservations;
using static Booking.Domain.Tests.Support.TestData;

namespace Booking.Domain.Tests.Reservations;

/// <summary>Expanding a series into dates: patterns, bounds, month ends and daylight-saving changes.</summary>
public sealed class SeriesPlanTests
{
    private static readonly TimeOnly Ten = new(10, 0);
    private static readonly TimeOnly Noon = new(12, 0);

    private static SeriesPlan Plan(SeriesRepeat repeat, DateOnly first, int? count, DateOnly? until = null) => new(repeat, first, Ten, Noon, count, until);

    [Fact]
    public void Dates_WeeklyEightTimes_EveryTuesday()
    {
        var plan = Plan(SeriesRepeat.Weekly, new DateOnly(2026, 3, 3), 8);

        Assert.Empty(plan.Problems());
        var dates = plan.Dates();
        Assert.Equal(8, dates.Count);
        Assert.All(dates, d => Assert.Equal(DayOfWeek.Tuesday, d.DayOfWeek));
        Assert.Equal(new DateOnly(2026, 4, 21), dates[^1]);
    }

    [Fact]
    public void Dates_WeekdaysForTwoWeeks_SkipsWeekends()
    {
        // From a Saturday: the first date is the Monday after.
        var plan = Plan(SeriesRepeat.Weekdays, new DateOnly(2026, 3, 7), null, new DateOnly(2026, 3, 20));

        var dates = plan.Dates();
        Assert.Equal(10, dates.Count);
        Assert.Equal(new DateOnly(2026, 3, 9), dates[0]);
        Assert.DoesNotContain(dates, d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    [Fact]
    public void Dates_CountAndUntil_StopsAtWhicheverComesFirst()
    {
        Assert.Equal(3, Plan(SeriesRepeat.Daily, new DateOnly(2026, 3, 1), 10, new DateOnly(2026, 3, 3)).Dates().Count);
        Assert.Equal(2, Plan(SeriesRepeat.Daily, new DateOnly(2026, 3, 1), 2, new DateOnly(2026, 3, 30)).Dates().Count);
    }

    [Theory]
    [InlineData(2026, 1, 27, 2026, 2, 3)] // out of January
    [InlineData(2028, 2, 26, 2028, 3, 4)] // over a leap day
    [InlineData(2026, 12, 29, 2027, 1, 5)] // over the year's end
    public void Dates_WeeklyOverMonthEnd_SevenDaysApart(int y, int m, int d, int ny, int nm, int nd)
    {
        var dates = Plan(SeriesRepeat.Weekly, new DateOnly(y, m, d), 2).Dates();

        Assert.Equal([new DateOnly(y, m, d), new DateOnly(ny, nm, nd)], dates);
    }

    [Fact]
    public void Dates_DailyOverFebruaryEnd_EveryDayOnce()
    {
        var dates = Plan(SeriesRepeat.Daily, new DateOnly(2026, 2, 27), 4).Dates();

        Assert.Equal([new DateOnly(2026, 2, 27), new DateOnly(2026, 2, 28), new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2)], dates);
    }

    [Theory]
    [InlineData(NewYork)]
    [InlineData(Berlin)]
    public void Occurrences_OverDaylightSavingChanges_StayAtTenLocal(string zoneId)
    {
        var zone = Zone(zoneId);
        var occurrences = Plan(SeriesRepeat.Weekly, new DateOnly(2026, 3, 3), 8).Occurrences(zone)
            .Concat(Plan(SeriesRepeat.Weekly, new DateOnly(2026, 10, 20), 4).Occurrences(zone)).ToList();

        Assert.All(occurrences, o =>
        {
            var interval = Assert.NotNull(o.Interval);
            Assert.Equal(o.Date.ToDateTime(Ten), TimeZoneInfo.ConvertTimeFromUtc(interval.Start, zone));
            Assert.Equal(TimeSpan.FromHours(2), interval.End - interval.Start);
        });
        // The UTC hour moves with the clocks, so the local hour does not.
        Assert.Equal(2, occurrences.Select(o => o.Interval!.Value.Start.Hour).Distinct().Count());
    }

    [Fact]
    public void Occurrences_TimeSkippedBySpringForward_HasNoInstants()
    {
        var plan = new SeriesPlan(SeriesRepeat.Daily, new DateOnly(2026, 3, 7), new TimeOnly(2, 30), new TimeOnly(3, 30), 3, null);

        var occurrences = plan.Occurrences(Zone(NewYork));

        Assert.NotNull(occurrences[0].Interval);
        Assert.Null(occurrences[1].Interval); // 8 March: 02:00–03:00 does not happen
        Assert.NotNull(occurrences[2].Interval);
    }

    [Theory]
    [InlineData(0, null, "count")]
    [InlineData(-1, null, "count")]
    [InlineData(53, null, "count")]
    [InlineData(null, null, "count")]
    [InlineData(null, "2026-02-28", "until")] // before the first date
    [InlineData(null, "2027-03-05", "until")] // more than a year on
    [InlineData(null, "2027-02-28", "until")] // daily for a year: over 52 dates
    public void Problems_OutOfBounds_NameTheField(int? count, string? until, string field)
    {
        var plan = Plan(SeriesRepeat.Daily, new DateOnly(2026, 3, 1), count, until is null ? null : DateOnly.Parse(until, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Contains(plan.Problems(), p => p.Field == field);
    }

    [Fact]
    public void Problems_WeekdaysOverAWeekendOnly_NoDates()
    {
        var plan = Plan(SeriesRepeat.Weekdays, new DateOnly(2026, 3, 7), null, new DateOnly(2026, 3, 8));

        Assert.Contains(plan.Problems(), p => p.Field == "until" && p.Message.Contains("no dates", StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_EndNotAfterStart_Refused()
    {
        var plan = new SeriesPlan(SeriesRepeat.Weekly, new DateOnly(2026, 3, 3), Noon, Ten, 2, null);

        Assert.Contains(plan.Problems(), p => p.Field == "endTime");
    }

    [Fact]
    public void Problems_WeeklyFiftyTwoTimes_Allowed()
    {
        var plan = Plan(SeriesRepeat.Weekly, new DateOnly(2026, 3, 3), SeriesPlan.MaxOccurrences);

        Assert.Empty(plan.Problems());
        Assert.Equal(52, plan.Dates().Count);
    }
}
