using Booking.Domain.Common;
using Booking.Domain.Reports;
using static Booking.Domain.Tests.Support.TestData;

namespace Booking.Domain.Tests.Reports;

/// <summary>A report's dates, its weeks, the UTC offset stretches and the open hours it counts against.</summary>
public sealed class ReportRangeTests
{
    private static readonly DateOnly Today = new(2026, 3, 18); // a Wednesday

    [Fact]
    public void Create_NothingGiven_TheFourWeeksEndingToday()
    {
        var range = ReportRange.Create(null, null, Today);
        Assert.Equal((new DateOnly(2026, 2, 19), Today, 28), (range.From, range.To, range.Days));
    }

    [Fact]
    public void Create_Reversed_Refused()
    {
        var refused = Assert.Throws<DomainException>(() => ReportRange.Create(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 1), Today));
        Assert.Equal(ErrorCodes.Validation, refused.Code);
    }

    [Fact]
    public void Create_TwoCalendarYears_AllowedOneDayMoreRefused()
    {
        Assert.Equal(731, ReportRange.Create(new DateOnly(2024, 1, 1), new DateOnly(2025, 12, 31), Today).Days);
        Assert.Equal(ReportRange.MaxDays, ReportRange.Create(new DateOnly(2024, 1, 1), new DateOnly(2026, 1, 1), Today).Days);
        Assert.Throws<DomainException>(() => ReportRange.Create(new DateOnly(2024, 1, 1), new DateOnly(2026, 1, 2), Today));
    }

    [Fact]
    public void Weeks_MondaysOfEveryWeekTouched()
    {
        var range = new ReportRange(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 10)); // Sunday to Tuesday
        Assert.Equal([new DateOnly(2026, 2, 23), new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 9)], range.Weeks());
    }

    [Fact]
    public void OffsetSpan_AcrossSpringForward_TwoStretchesSplitAtTheChange()
    {
        // New York springs forward on Sunday 8 March 2026 at 02:00 EST (07:00Z).
        var range = new ReportRange(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 14)).InZone(Zone(NewYork));
        var spans = OffsetSpan.Cover(range, Zone(NewYork));
        Assert.Equal(
            [(Z(2026, 3, 1, 5), Z(2026, 3, 8, 7), -5 * 3600L), (Z(2026, 3, 8, 7), Z(2026, 3, 15, 4), -4 * 3600L)],
            spans.Select(s => (s.Interval.Start, s.Interval.End, s.OffsetSeconds)));
    }

    [Fact]
    public void OffsetSpan_NoChange_OneStretch()
    {
        var range = new ReportRange(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31)).InZone(Zone(Kolkata));
        var span = Assert.Single(OffsetSpan.Cover(range, Zone(Kolkata)));
        Assert.Equal(((5 * 3600L) + 1800, range), (span.OffsetSeconds, span.Interval));
    }

    [Fact]
    public void OpenTime_WeekWithAClosureAndTheSpringForward_RealHours()
    {
        // Open 09:00–17:00 every day; closed Tuesday 3 March 12:00–17:00. The change at 02:00 on 8 March takes nothing from opening hours.
        var branch = Branch(NewYork, EveryDay(9, 17));
        branch.AddClosure(new DateTime(2026, 3, 3, 12, 0, 0), new DateTime(2026, 3, 3, 17, 0, 0), "Staff training");
        branch.AddClosure(new DateTime(2026, 3, 3, 13, 0, 0), new DateTime(2026, 3, 3, 14, 0, 0), "Overlapping, counted once");
        var hours = OpenTime.HoursPerWeek(branch, new ReportRange(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 10)));

        Assert.Equal(8, hours[new DateOnly(2026, 2, 23)]);          // only Sunday 1 March is in the range
        Assert.Equal((7 * 8) - 5, hours[new DateOnly(2026, 3, 2)]);
        Assert.Equal(2 * 8, hours[new DateOnly(2026, 3, 9)]);       // Monday and Tuesday
    }
}
