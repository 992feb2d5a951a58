using Booking.Domain.Common;
using Booking.Domain.Locations;
using Booking.Domain.Reservations;

namespace Booking.Domain.Reports;

/// <summary>
/// How long a branch is open: its weekly hours (in local time) minus closures, per local week. Computed here
/// from the branch's hours, as the availability search does, because it needs the time-zone rules the database
/// (SQLite) does not have; it is a handful of intervals per week, not rows.
/// </summary>
public static class OpenTime
{
    /// <summary>Open hours in each week of <paramref name="range"/> (keyed by its Monday), counting only days inside the range.</summary>
    public static IReadOnlyDictionary<DateOnly, double> HoursPerWeek(Location location, ReportRange range)
    {
        var zone = location.TimeZone;
        var closures = location.Closures
            .Select(c => new UtcInterval(LocalCalendar.ToUtc(c.StartsLocal, zone), LocalCalendar.ToUtc(c.EndsLocal, zone)))
            .ToList();
        var weeks = range.Weeks().ToDictionary(w => w, _ => 0d);
        foreach (var open in FreeTime.OpenIntervals(location, range.InZone(zone)))
        {
            var week = ReportRange.WeekOf(DateOnly.FromDateTime(LocalCalendar.ToLocal(open.Start, zone)));
            weeks[week] += open.Duration.TotalHours - ClosedHours(open, closures);
        }

        return weeks;
    }

    /// <summary>The hours of <paramref name="open"/> under closures, overlapping closures counted once.</summary>
    private static double ClosedHours(UtcInterval open, IEnumerable<UtcInterval> closures)
    {
        var hours = 0d;
        var cursor = open.Start;
        foreach (var c in closures.Where(c => c.Overlaps(open)).OrderBy(c => c.Start))
        {
            var from = Max(c.Start, cursor);
            var until = Min(c.End, open.End);
            if (until > from)
            {
                hours += (until - from).TotalHours;
                cursor = until;
            }
        }

        return hours;
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
