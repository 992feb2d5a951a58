using Booking.Domain.Common;
using Booking.Domain.Locations;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;

namespace Booking.Domain.Tests.Support;

/// <summary>Small builders shared by the domain tests.</summary>
internal static class TestData
{
    public const string Berlin = "Europe/Berlin";
    public const string NewYork = "America/New_York";
    public const string Kolkata = "Asia/Kolkata";

    public static readonly Guid Patron = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    public static readonly Guid OtherPatron = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    public static readonly Guid Staff = Guid.Parse("00000000-0000-0000-0000-00000000005f");

    public static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    /// <summary>The UTC instant of a wall-clock time in <paramref name="zone"/>.</summary>
    public static DateTime Utc(string zone, int year, int month, int day, int hour, int minute = 0) =>
        LocalCalendar.ToUtc(new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified), Zone(zone));

    /// <summary>A UTC instant written directly.</summary>
    public static DateTime Z(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    public static OpeningInterval Hours(DayOfWeek day, int opensHour, int closesHour) =>
        new(day, new TimeOnly(opensHour, 0), new TimeOnly(closesHour, 0));

    public static IEnumerable<OpeningInterval> Weekdays(int opensHour, int closesHour) =>
        new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => Hours(d, opensHour, closesHour));

    public static IEnumerable<OpeningInterval> EveryDay(int opensHour, int closesHour) =>
        Enum.GetValues<DayOfWeek>().Select(d => Hours(d, opensHour, closesHour));

    public static Location Branch(string zone, IEnumerable<OpeningInterval> hours)
    {
        var location = new Location("Central Library", zone);
        location.SetOpeningHours(hours);
        return location;
    }

    public static Location OpenDaily(string zone, int opensHour, int closesHour) => Branch(zone, EveryDay(opensHour, closesHour));

    public static BookingFacts Facts(Location location, string kindCode, DateTime nowUtc, BookingPolicy? policy = null) => new()
    {
        Resource = new Resource($"Test {kindCode}", kindCode, location.Id),
        Location = location,
        Policy = policy ?? BookingPolicy.DefaultFor(kindCode),
        NowUtc = nowUtc,
    };

    public static BookingRequest Request(DateTime startUtc, int minutes, bool onBehalfByStaff = false, Guid? patron = null) =>
        new(patron ?? Patron, new UtcInterval(startUtc, startUtc.AddMinutes(minutes)), onBehalfByStaff);

    /// <summary>What an existing booking blocks: [start, end + buffer).</summary>
    public static UtcInterval Taken(DateTime startUtc, int minutes, int bufferAfterMinutes) =>
        BookingRules.Blocked(new UtcInterval(startUtc, startUtc.AddMinutes(minutes)), bufferAfterMinutes);
}
