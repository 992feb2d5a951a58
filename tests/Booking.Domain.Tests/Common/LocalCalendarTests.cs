using Booking.Domain.Common;
using static Booking.Domain.Tests.Support.TestData;

namespace Booking.Domain.Tests.Common;

/// <summary>
/// SPEC rule 3: "9:00" and "a week" mean local time and stay right across daylight-saving changes.
/// New York: spring forward 2026-03-08 02:00 → 03:00, fall back 2026-11-01 02:00 → 01:00.
/// Berlin: spring forward 2026-03-29 02:00 → 03:00, fall back 2026-10-25 03:00 → 02:00.
/// </summary>
public sealed class LocalCalendarTests
{
    [Theory]
    [InlineData(NewYork, 2026, 1, 15, 9, 0, 14)]  // EST, UTC-5
    [InlineData(NewYork, 2026, 7, 15, 9, 0, 13)]  // EDT, UTC-4
    [InlineData(Berlin, 2026, 1, 15, 9, 0, 8)]    // CET, UTC+1
    [InlineData(Berlin, 2026, 7, 15, 9, 0, 7)]    // CEST, UTC+2
    public void ToUtc_OrdinaryTime_UsesThatDaysOffset(string zone, int y, int m, int d, int h, int min, int utcHour) =>
        Assert.Equal(Z(y, m, d, utcHour, min), LocalCalendar.ToUtc(new DateTime(y, m, d, h, min, 0), Zone(zone)));

    [Theory]
    [InlineData(NewYork, 2026, 3, 8, 2, 30, 7, 0)]  // 02:30 does not exist; 03:00 EDT = 07:00Z
    [InlineData(NewYork, 2026, 3, 8, 2, 0, 7, 0)]
    [InlineData(Berlin, 2026, 3, 29, 2, 30, 1, 0)]  // 02:30 does not exist; 03:00 CEST = 01:00Z
    public void ToUtc_SkippedTime_MovesPastTheGap(string zone, int y, int m, int d, int h, int min, int utcHour, int utcMinute)
    {
        var utc = LocalCalendar.ToUtc(new DateTime(y, m, d, h, min, 0), Zone(zone));
        Assert.Equal(Z(y, m, d, utcHour, utcMinute), utc);
        Assert.Equal(new DateTime(y, m, d, 3, 0, 0), LocalCalendar.ToLocal(utc, Zone(zone)));
    }

    [Theory]
    [InlineData(NewYork, 2026, 11, 1, 1, 30, 5, 30)]  // first 01:30 is EDT (UTC-4); the second would be 06:30Z
    [InlineData(Berlin, 2026, 10, 25, 2, 30, 0, 30)]  // first 02:30 is CEST (UTC+2); the second would be 01:30Z
    public void ToUtc_RepeatedTime_TakesFirstOccurrence(string zone, int y, int m, int d, int h, int min, int utcHour, int utcMinute)
    {
        var utc = LocalCalendar.ToUtc(new DateTime(y, m, d, h, min, 0), Zone(zone));
        Assert.Equal(Z(y, m, d, utcHour, utcMinute), utc);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        Assert.Equal(new DateTime(y, m, d, h, min, 0), LocalCalendar.ToLocal(utc, Zone(zone)));
        Assert.Equal(new DateTime(y, m, d, h, min, 0), LocalCalendar.ToLocal(utc.AddHours(1), Zone(zone)));
    }

    [Fact]
    public void ToLocal_AcrossFallBackNight_RepeatsTheHour()
    {
        var zone = Zone(NewYork);
        Assert.Equal(new DateTime(2026, 11, 1, 1, 30, 0), LocalCalendar.ToLocal(Z(2026, 11, 1, 5, 30), zone));
        Assert.Equal(new DateTime(2026, 11, 1, 1, 30, 0), LocalCalendar.ToLocal(Z(2026, 11, 1, 6, 30), zone));
    }

    [Theory]
    [InlineData(NewYork, 2026, 3, 8, 23)]
    [InlineData(NewYork, 2026, 11, 1, 25)]
    [InlineData(NewYork, 2026, 6, 10, 24)]
    [InlineData(Berlin, 2026, 3, 29, 23)]
    [InlineData(Berlin, 2026, 10, 25, 25)]
    [InlineData(Berlin, 2026, 6, 10, 24)]
    public void DayOf_ChangeDay_HasLocalLength(string zone, int y, int m, int d, int hours)
    {
        var tz = Zone(zone);
        var byDate = LocalCalendar.DayOf(new DateOnly(y, m, d), tz);
        var byInstant = LocalCalendar.DayOf(LocalCalendar.ToUtc(new DateTime(y, m, d, 12, 0, 0), tz), tz);

        Assert.Equal(TimeSpan.FromHours(hours), byDate.Duration);
        Assert.Equal(byDate, byInstant);
        Assert.Equal(new DateTime(y, m, d), LocalCalendar.ToLocal(byDate.Start, tz));
        Assert.Equal(new DateTime(y, m, d).AddDays(1), LocalCalendar.ToLocal(byDate.End, tz));
    }

    [Fact]
    public void DayOf_LateEveningLocalIsNextDayUtc_GivesTheLocalDay()
    {
        // 2026-03-08 22:00 EDT is 2026-03-09 02:00Z; its local day is still the 8th (and only 23 hours long).
        var day = LocalCalendar.DayOf(Z(2026, 3, 9, 2), Zone(NewYork));
        Assert.Equal(new UtcInterval(Z(2026, 3, 8, 5), Z(2026, 3, 9, 4)), day);
    }

    [Theory]
    [InlineData(NewYork, 2026, 3, 8, 2026, 3, 2, 167)]   // Sunday of the spring change; week Mon 2 – Mon 9
    [InlineData(NewYork, 2026, 11, 1, 2026, 10, 26, 169)]
    [InlineData(NewYork, 2026, 6, 10, 2026, 6, 8, 168)]
    [InlineData(Berlin, 2026, 3, 25, 2026, 3, 23, 167)]  // any day of the change week
    [InlineData(Berlin, 2026, 10, 25, 2026, 10, 19, 169)]
    [InlineData(Berlin, 2026, 6, 10, 2026, 6, 8, 168)]
    public void WeekOf_ChangeWeek_RunsMondayToMondayLocal(string zone, int y, int m, int d, int my, int mm, int md, int hours)
    {
        var tz = Zone(zone);
        var week = LocalCalendar.WeekOf(LocalCalendar.ToUtc(new DateTime(y, m, d, 12, 0, 0), tz), tz);

        Assert.Equal(TimeSpan.FromHours(hours), week.Duration);
        Assert.Equal(new DateTime(my, mm, md), LocalCalendar.ToLocal(week.Start, tz));
        Assert.Equal(DayOfWeek.Monday, LocalCalendar.ToLocal(week.Start, tz).DayOfWeek);
        Assert.Equal(new DateTime(my, mm, md).AddDays(7), LocalCalendar.ToLocal(week.End, tz));
    }

    [Fact]
    public void WeekOf_SundayEveningAndMondayMorningLocal_DifferentWeeksThoughSameUtcDay()
    {
        // New York: Sunday 8 March 20:00 EDT and Monday 9 March 09:00 EDT are both Monday 9 March in UTC.
        var tz = Zone(NewYork);
        var sundayEvening = Utc(NewYork, 2026, 3, 8, 20);
        var mondayMorning = Utc(NewYork, 2026, 3, 9, 9);
        Assert.Equal(Z(2026, 3, 9, 0), sundayEvening);
        Assert.Equal(sundayEvening.Date, mondayMorning.Date);

        var first = LocalCalendar.WeekOf(sundayEvening, tz);
        var second = LocalCalendar.WeekOf(mondayMorning, tz);
        Assert.NotEqual(first, second);
        Assert.Equal(first.End, second.Start);
        Assert.Equal(Z(2026, 3, 9, 4), first.End); // Monday 00:00 EDT
    }

    [Fact]
    public void WeekOf_BerlinSundayNightAndMondayJustAfterMidnight_DifferentWeeksThoughBothSundayUtc()
    {
        var tz = Zone(Berlin);
        var sundayNight = Utc(Berlin, 2026, 3, 29, 23, 30);   // 21:30Z Sunday
        var mondayEarly = Utc(Berlin, 2026, 3, 30, 0, 30);    // 22:30Z Sunday
        Assert.Equal(DayOfWeek.Sunday, sundayNight.DayOfWeek);
        Assert.Equal(DayOfWeek.Sunday, mondayEarly.DayOfWeek);

        var first = LocalCalendar.WeekOf(sundayNight, tz);
        Assert.False(first.Overlaps(new UtcInterval(mondayEarly, mondayEarly.AddMinutes(1))));
        Assert.Equal(LocalCalendar.WeekOf(mondayEarly, tz).Start, first.End);
    }

    [Fact]
    public void WeekOf_MondayMidnightExactly_StartsThatWeek()
    {
        var tz = Zone(Berlin);
        var mondayMidnight = Utc(Berlin, 2026, 10, 26, 0);
        Assert.Equal(mondayMidnight, LocalCalendar.WeekOf(mondayMidnight, tz).Start);
    }

    [Fact]
    public void Describe_Instant_ShowsLocalWallTime() =>
        Assert.Equal("Sun 8 Mar 2026 09:00", LocalCalendar.Describe(Z(2026, 3, 8, 13), Zone(NewYork)));
}
