using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.Domain.Tests.Support;
using static Booking.Domain.Tests.Support.TestData;

namespace Booking.Domain.Tests.Reservations;

/// <summary>SPEC rule 3 for the booking rules: opening hours, durations and weekly quotas across daylight-saving changes.</summary>
public sealed class BookingRulesDaylightSavingTests
{
    private static readonly BookingPolicy Room = BookingPolicy.DefaultFor(KnownKinds.Room) with { AdvanceWindowDays = 365 };

    private static BookingFacts Facts(string zone, int opensHour, int closesHour, BookingPolicy? policy = null) =>
        TestData.Facts(OpenDaily(zone, opensHour, closesHour), KnownKinds.Room, Z(2026, 1, 1, 0), policy ?? Room);

    // Opening 9:00–17:00 local: the UTC instants of 9:00 and 17:00 on and around each change day.
    [Theory]
    [InlineData(NewYork, 2026, 3, 7, 14, 22)]
    [InlineData(NewYork, 2026, 3, 8, 13, 21)]
    [InlineData(NewYork, 2026, 10, 31, 13, 21)]
    [InlineData(NewYork, 2026, 11, 1, 14, 22)]
    [InlineData(Berlin, 2026, 3, 28, 8, 16)]
    [InlineData(Berlin, 2026, 3, 29, 7, 15)]
    [InlineData(Berlin, 2026, 10, 24, 7, 15)]
    [InlineData(Berlin, 2026, 10, 25, 8, 16)]
    public void Check_NineToFiveOnChangeDay_MeansNineToFiveLocal(string zone, int y, int m, int d, int opensUtcHour, int closesUtcHour)
    {
        var facts = Facts(zone, 9, 17);
        var opens = Z(y, m, d, opensUtcHour);
        var closes = Z(y, m, d, closesUtcHour);
        Assert.Equal(opens, Utc(zone, y, m, d, 9));

        BookingRules.Check(Request(opens, 60), facts).ShouldPass();
        BookingRules.Check(Request(closes.AddHours(-1), 60), facts).ShouldPass();
        BookingRules.Check(Request(opens.AddHours(-1), 60), facts).ShouldFailWith(ErrorCodes.OutsideOpeningHours);
        BookingRules.Check(Request(closes, 60), facts).ShouldFailWith(ErrorCodes.OutsideOpeningHours);
        BookingRules.Check(Request(opens, 30), facts).ShouldPass();
        BookingRules.Check(Request(opens.AddMinutes(-30), 60), facts).ShouldFailWith(ErrorCodes.OutsideOpeningHours);
    }

    [Theory]
    [InlineData(NewYork, 2026, 11, 1, 0, 30)]  // 00:30 EDT → 01:30 EST
    [InlineData(Berlin, 2026, 10, 25, 1, 30)]  // 01:30 CEST → 02:30 CET
    public void Check_TwoHoursAcrossFallBackNight_IsTwoRealHours(string zone, int y, int m, int d, int h, int min)
    {
        var facts = Facts(zone, 0, 12, Room with { MaxDurationMinutes = 120 });
        var start = Utc(zone, y, m, d, h, min);
        var request = Request(start, 120);

        // On the wall clock it looks like one hour ...
        Assert.Equal(TimeSpan.FromHours(1), LocalCalendar.ToLocal(request.Interval.End, Zone(zone)) - LocalCalendar.ToLocal(start, Zone(zone)));
        // ... but it is two real hours: within a 2-hour maximum, and counted as 120 minutes against the week.
        BookingRules.Check(request, facts).ShouldPass();
        BookingRules.Check(request, facts with { Policy = facts.Policy with { MaxDurationMinutes = 90 } }).ShouldFailWith(ErrorCodes.Duration);
        BookingRules.Check(request, facts with { Policy = facts.Policy with { MaxHoursPerWeek = 4 }, PatronMinutesInWeek = 120 }).ShouldPass();
        BookingRules.Check(request, facts with { Policy = facts.Policy with { MaxHoursPerWeek = 4 }, PatronMinutesInWeek = 150 }).ShouldFailWith(ErrorCodes.Quota);
    }

    [Fact]
    public void Check_WallClockTwoHoursAcrossFallBackNight_IsThreeRealHours()
    {
        // 00:30 → 02:30 on the wall clock in New York on 1 November lasts three hours.
        var facts = Facts(NewYork, 0, 12, Room with { MaxDurationMinutes = 120 });
        var interval = new UtcInterval(Utc(NewYork, 2026, 11, 1, 0, 30), Utc(NewYork, 2026, 11, 1, 2, 30));
        Assert.Equal(TimeSpan.FromHours(3), interval.Duration);
        BookingRules.Check(new BookingRequest(Patron, interval), facts).ShouldFailWith(ErrorCodes.Duration);
    }

    [Fact]
    public void Check_AcrossSpringForwardGap_CountsRealMinutes()
    {
        // 01:30 → 03:30 on the wall clock in Berlin on 29 March is one real hour.
        var facts = Facts(Berlin, 0, 12, Room with { MinDurationMinutes = 90 });
        var interval = new UtcInterval(Utc(Berlin, 2026, 3, 29, 1, 30), Utc(Berlin, 2026, 3, 29, 3, 30));
        Assert.Equal(TimeSpan.FromHours(1), interval.Duration);
        BookingRules.Check(new BookingRequest(Patron, interval), facts).ShouldFailWith(ErrorCodes.Duration);
    }

    [Fact]
    public void Check_SlotAlignmentOnChangeDay_UsesLocalClock()
    {
        var facts = Facts(NewYork, 9, 17);
        BookingRules.Check(Request(Utc(NewYork, 2026, 3, 8, 10, 30), 60), facts).ShouldPass();
        BookingRules.Check(Request(Utc(NewYork, 2026, 3, 8, 10, 15), 60), facts).ShouldFailWith(ErrorCodes.Duration);
    }

    [Fact]
    public void Check_ClosureOnChangeDay_LocalWallTimes()
    {
        var facts = Facts(Berlin, 9, 17);
        facts.Location.AddClosure(new DateTime(2026, 10, 25, 12, 0, 0), new DateTime(2026, 10, 25, 14, 0, 0), "Staff meeting");
        BookingRules.Check(Request(Z(2026, 10, 25, 11), 60), facts).ShouldFailWith(ErrorCodes.Closed); // 12:00 CET
        BookingRules.Check(Request(Z(2026, 10, 25, 10), 60), facts).ShouldPass();                        // 11:00 CET
        BookingRules.Check(Request(Z(2026, 10, 25, 13), 60), facts).ShouldPass();                        // 14:00 CET
    }

    /// <summary>
    /// The weekly quota counts the patron's minutes in the local week (Monday to Sunday) of the request's start,
    /// as <see cref="BookingFacts.PatronMinutesInWeek"/> says; here the caller's part is done with <see cref="LocalCalendar.WeekOf"/>.
    /// </summary>
    private static double MinutesHeldInLocalWeek(IEnumerable<UtcInterval> held, DateTime requestStartUtc, TimeZoneInfo zone)
    {
        var week = LocalCalendar.WeekOf(requestStartUtc, zone);
        return held.Where(h => h.Start >= week.Start && h.Start < week.End).Sum(h => h.Duration.TotalMinutes);
    }

    [Fact]
    public void Check_WeeklyHoursSundayEveningThenMondayMorningLocal_DifferentWeeks()
    {
        // New York, spring change week. Sunday 8 March 20:00–22:00 EDT is Monday 9 March 00:00–02:00 UTC,
        // so a UTC week (or a UTC date) would put it in the same week as Monday morning.
        var zone = Zone(NewYork);
        var facts = Facts(NewYork, 9, 22, Room with { MaxHoursPerWeek = 4 });
        var sundayEvening = new UtcInterval(Utc(NewYork, 2026, 3, 8, 20), Utc(NewYork, 2026, 3, 8, 22));
        Assert.Equal(Z(2026, 3, 9, 0), sundayEvening.Start);

        var mondayMorning = Request(Utc(NewYork, 2026, 3, 9, 9), 180);
        var minutesMonday = MinutesHeldInLocalWeek([sundayEvening], mondayMorning.Interval.Start, zone);
        Assert.Equal(0, minutesMonday);
        BookingRules.Check(mondayMorning, facts with { PatronMinutesInWeek = minutesMonday }).ShouldPass();

        var sundayMorning = Request(Utc(NewYork, 2026, 3, 8, 10), 180);
        var minutesSunday = MinutesHeldInLocalWeek([sundayEvening], sundayMorning.Interval.Start, zone);
        Assert.Equal(120, minutesSunday);
        BookingRules.Check(sundayMorning, facts with { PatronMinutesInWeek = minutesSunday }).ShouldFailWith(ErrorCodes.Quota);
    }

    [Fact]
    public void Check_WeeklyHoursBerlinSundayNightThenMondayJustAfterMidnight_DifferentWeeks()
    {
        // Berlin, autumn change week: both instants are Sunday in UTC, but Monday 00:00 local starts a new week.
        var zone = Zone(Berlin);
        var facts = Facts(Berlin, 0, 0, Room with { MaxHoursPerWeek = 2 });
        var sundayNight = new UtcInterval(Utc(Berlin, 2026, 10, 25, 22), Utc(Berlin, 2026, 10, 25, 23, 30));
        var mondayEarly = Request(Utc(Berlin, 2026, 10, 26, 0, 30), 90);
        Assert.Equal(DayOfWeek.Sunday, mondayEarly.Interval.Start.DayOfWeek);

        var minutes = MinutesHeldInLocalWeek([sundayNight], mondayEarly.Interval.Start, zone);
        Assert.Equal(0, minutes);
        BookingRules.Check(mondayEarly, facts with { PatronMinutesInWeek = minutes }).ShouldPass();
        BookingRules.Check(mondayEarly, facts with { PatronMinutesInWeek = 90 }).ShouldFailWith(ErrorCodes.Quota);
    }
}
