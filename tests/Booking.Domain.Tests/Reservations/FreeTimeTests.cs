using Booking.Domain.Common;
using Booking.Domain.Locations;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.Domain.Tests.Support;
using static Booking.Domain.Tests.Support.TestData;

namespace Booking.Domain.Tests.Reservations;

/// <summary>
/// Free windows of a laser cutter (15-minute slots, 15 minutes minimum, 15-minute cool-down) at a Berlin branch
/// open on weekdays 9–12 and 13–18; Tuesday 2 June 2026 unless said otherwise.
/// </summary>
public sealed class FreeTimeTests
{
    private static readonly BookingPolicy Cutter = BookingPolicy.DefaultFor(KnownKinds.LaserCutter);

    private static Location Branch() => TestData.Branch(Berlin, Weekdays(9, 12).Concat(Weekdays(13, 18)));

    private static DateTime Tue(int hour, int minute = 0) => Utc(Berlin, 2026, 6, 2, hour, minute);

    private static UtcInterval Local(int fromHour, int fromMinute, int toHour, int toMinute) => new(Tue(fromHour, fromMinute), Tue(toHour, toMinute));

    private static UtcInterval Tuesday => LocalCalendar.DayOf(new DateOnly(2026, 6, 2), Zone(Berlin));

    private static IReadOnlyList<UtcInterval> Windows(Location? location = null, BookingPolicy? policy = null,
        IEnumerable<UtcInterval>? taken = null, IEnumerable<UtcInterval>? maintenance = null, UtcInterval? range = null) =>
        FreeTime.Windows(location ?? Branch(), policy ?? Cutter, range ?? Tuesday, taken ?? [], maintenance ?? []);

    [Fact]
    public void Windows_NothingTaken_AreTheOpeningPeriods() =>
        Assert.Equal([Local(9, 0, 12, 0), Local(13, 0, 18, 0)], Windows());

    [Fact]
    public void Windows_BookingTenToEleven_LeavesBufferOnBothSides()
    {
        // taken is [10:00, 11:15): the booking plus its cool-down; a new booking before it needs its own cool-down too.
        var windows = Windows(taken: [Taken(Tue(10), 60, 15)]);
        Assert.Equal([Local(9, 0, 9, 45), Local(11, 15, 12, 0), Local(13, 0, 18, 0)], windows);
    }

    [Fact]
    public void Windows_EveryWindow_AgreesWithTheRules()
    {
        var location = Branch();
        var taken = new[] { Taken(Tue(10), 60, 15), Taken(Tue(14, 30), 45, 15) };
        var maintenance = new[] { new UtcInterval(Tue(16), Tue(16, 50)) };
        var facts = new BookingFacts
        {
            Resource = new Resource("Cutter", KnownKinds.LaserCutter, location.Id),
            Location = location,
            Policy = Cutter,
            NowUtc = Tue(0),
            Taken = taken,
            Maintenance = maintenance.Select(m => new MaintenanceWindow(m, "Service")).ToList(),
        };

        var windows = Windows(location, taken: taken, maintenance: maintenance);
        Assert.NotEmpty(windows);
        foreach (var window in windows)
        {
            // the first and the last possible minimum booking in each window pass ...
            BookingRules.Check(Request(window.Start, Cutter.MinDurationMinutes), facts).ShouldPass();
            var lastStart = window.End.AddMinutes(-Cutter.MinDurationMinutes);
            BookingRules.Check(Request(lastStart, Cutter.MinDurationMinutes), facts).ShouldPass();
            // ... and one slot later, at the window's end, something refuses it.
            Assert.NotNull(BookingRules.Check(Request(window.End, Cutter.MinDurationMinutes), facts));
        }
    }

    [Fact]
    public void Windows_Maintenance_Subtracted() =>
        Assert.Equal([Local(9, 0, 12, 0), Local(13, 0, 14, 0), Local(15, 0, 18, 0)], Windows(maintenance: [Local(14, 0, 15, 0)]));

    [Fact]
    public void Windows_PartialClosure_Subtracted()
    {
        var location = Branch();
        location.AddClosure(new DateTime(2026, 6, 2, 15, 0, 0), new DateTime(2026, 6, 2, 18, 0, 0), "Staff meeting");
        Assert.Equal([Local(9, 0, 12, 0), Local(13, 0, 15, 0)], Windows(location));
    }

    [Fact]
    public void Windows_WholeDayClosure_None()
    {
        var location = Branch();
        location.AddClosure(new DateTime(2026, 6, 2), new DateTime(2026, 6, 3), "Holiday");
        Assert.Empty(Windows(location));
    }

    [Fact]
    public void Windows_FreeTimeStartsOffSlot_StartAlignedUp()
    {
        var windows = Windows(maintenance: [Local(9, 0, 10, 7)]);
        Assert.Equal(Local(10, 15, 12, 0), windows[0]);
    }

    [Fact]
    public void Windows_HalfHourZone_AlignedToLocalSlotsNotUtc()
    {
        // Kolkata is UTC+5:30: a local 10:00 slot boundary is 04:30Z.
        var location = OpenDaily(Kolkata, 9, 17);
        var policy = BookingPolicy.DefaultFor(KnownKinds.Room) with { SlotMinutes = 60, MinDurationMinutes = 60 };
        var day = LocalCalendar.DayOf(new DateOnly(2026, 6, 2), Zone(Kolkata));
        var maintenanceUntil = Utc(Kolkata, 2026, 6, 2, 9, 30);

        var windows = FreeTime.Windows(location, policy, day, [], [new UtcInterval(day.Start, maintenanceUntil)]);

        Assert.Equal(Z(2026, 6, 2, 4, 30), windows[0].Start);
        Assert.Equal(new DateTime(2026, 6, 2, 10, 0, 0), LocalCalendar.ToLocal(windows[0].Start, Zone(Kolkata)));
    }

    [Fact]
    public void Windows_ShorterThanMinimum_Dropped()
    {
        // 9:00–9:45 and 11:15–12:00 are free, but an hour is the least one can book.
        var windows = Windows(policy: Cutter with { MinDurationMinutes = 60 }, taken: [Taken(Tue(10), 60, 15)]);
        Assert.Equal([Local(13, 0, 18, 0)], windows);
    }

    [Fact]
    public void Windows_TooShortAfterAlignment_Dropped()
    {
        // 10:07–10:25 is 18 minutes, but aligned to 10:15 only 10 remain.
        var windows = Windows(maintenance: [Local(9, 0, 10, 7), Local(10, 25, 12, 0)]);
        Assert.Equal([Local(13, 0, 18, 0)], windows);
    }

    [Fact]
    public void Windows_RangeMidDay_ClippedToRange() =>
        Assert.Equal([Local(10, 30, 12, 0), Local(13, 0, 14, 0)], Windows(range: Local(10, 30, 14, 0)));

    [Fact]
    public void OpenIntervals_SeveralDays_EachDaysPeriodsAndNoneOnClosedDays()
    {
        // Friday 5 June to Monday 8 June 2026: the weekend has no hours.
        var range = new UtcInterval(Utc(Berlin, 2026, 6, 5, 0), Utc(Berlin, 2026, 6, 9, 0));
        var open = FreeTime.OpenIntervals(Branch(), range);
        Assert.Equal(
            [
                new UtcInterval(Utc(Berlin, 2026, 6, 5, 9), Utc(Berlin, 2026, 6, 5, 12)),
                new UtcInterval(Utc(Berlin, 2026, 6, 5, 13), Utc(Berlin, 2026, 6, 5, 18)),
                new UtcInterval(Utc(Berlin, 2026, 6, 8, 9), Utc(Berlin, 2026, 6, 8, 12)),
                new UtcInterval(Utc(Berlin, 2026, 6, 8, 13), Utc(Berlin, 2026, 6, 8, 18)),
            ],
            open);
    }

    [Fact]
    public void OpenIntervals_ClosesAtMidnight_RunsToNextLocalMidnight()
    {
        var location = TestData.Branch(Berlin, Weekdays(18, 0));
        Assert.Equal([new UtcInterval(Tue(18), Utc(Berlin, 2026, 6, 3, 0))], FreeTime.OpenIntervals(location, Tuesday));
    }

    // ---- daylight saving ----

    [Theory]
    [InlineData(NewYork, 2026, 3, 8, 13, 21)]
    [InlineData(NewYork, 2026, 11, 1, 14, 22)]
    [InlineData(Berlin, 2026, 3, 29, 7, 15)]
    [InlineData(Berlin, 2026, 10, 25, 8, 16)]
    public void Windows_ChangeDay_NineToFiveLocal(string zone, int y, int m, int d, int opensUtcHour, int closesUtcHour)
    {
        var location = OpenDaily(zone, 9, 17);
        var day = LocalCalendar.DayOf(new DateOnly(y, m, d), Zone(zone));
        Assert.Equal([new UtcInterval(Z(y, m, d, opensUtcHour), Z(y, m, d, closesUtcHour))], FreeTime.Windows(location, Cutter, day, [], []));
    }

    [Theory]
    [InlineData(NewYork, 2026, 3, 8, 2)]  // 01:00–04:00 loses the skipped hour
    [InlineData(NewYork, 2026, 11, 1, 4)] // 01:00–04:00 gains the repeated hour
    [InlineData(Berlin, 2026, 3, 29, 2)]
    [InlineData(Berlin, 2026, 10, 25, 4)]
    public void OpenIntervals_NightAcrossChange_RealLength(string zone, int y, int m, int d, int hours)
    {
        var location = OpenDaily(zone, 1, 4);
        var day = LocalCalendar.DayOf(new DateOnly(y, m, d), Zone(zone));
        var open = Assert.Single(FreeTime.OpenIntervals(location, day));
        Assert.Equal(TimeSpan.FromHours(hours), open.Duration);
    }

    [Fact]
    public void Windows_AfterBookingOnFallBackDay_AlignedToLocalSlots()
    {
        // New York, 1 November: open 9–17 EST. A booking 10:00–10:50 + 15 cool-down frees at 11:05, the next 15-minute slot is 11:15 EST.
        var location = OpenDaily(NewYork, 9, 17);
        var day = LocalCalendar.DayOf(new DateOnly(2026, 11, 1), Zone(NewYork));
        var booked = Taken(Utc(NewYork, 2026, 11, 1, 10), 50, 15);

        var windows = FreeTime.Windows(location, Cutter, day, [booked], []);

        Assert.Equal(
            [
                new UtcInterval(Utc(NewYork, 2026, 11, 1, 9), Utc(NewYork, 2026, 11, 1, 9, 45)),
                new UtcInterval(Utc(NewYork, 2026, 11, 1, 11, 15), Utc(NewYork, 2026, 11, 1, 17)),
            ],
            windows);
        Assert.Equal(Z(2026, 11, 1, 16, 15), windows[1].Start);
    }
}
