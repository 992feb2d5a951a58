using Booking.Domain.Common;
using Booking.Domain.Locations;
using Booking.Domain.Resources;

namespace Booking.Domain.Reservations;

/// <summary>Computes when a resource can still be booked: opening hours minus closures, maintenance and taken time.</summary>
public static class FreeTime
{
    /// <summary>
    /// The free stretches inside <paramref name="range"/>, each long enough for the policy's minimum,
    /// starting on a slot boundary. <paramref name="taken"/> are [start, end + buffer) of active reservations;
    /// a new booking also needs its own buffer before the next taken stretch.
    /// </summary>
    public static IReadOnlyList<UtcInterval> Windows(
        Location location, BookingPolicy policy, UtcInterval range,
        IEnumerable<UtcInterval> taken, IEnumerable<UtcInterval> maintenance)
    {
        var zone = location.TimeZone;
        var open = OpenIntervals(location, range);
        var closures = location.Closures
            .Select(c => new UtcInterval(LocalCalendar.ToUtc(c.StartsLocal, zone), LocalCalendar.ToUtc(c.EndsLocal, zone)));

        // Everything that blocks a new booking's own time: taken stretches reach back by the new booking's buffer.
        var blocking = taken.Select(t => new UtcInterval(t.Start.AddMinutes(-policy.BufferAfterMinutes), t.End))
            .Concat(maintenance).Concat(closures)
            .OrderBy(b => b.Start).ToList();

        var result = new List<UtcInterval>();
        foreach (var window in open)
        {
            foreach (var free in Subtract(window, blocking))
            {
                var aligned = AlignStart(free, policy.SlotMinutes, zone);
                if (aligned.Duration.TotalMinutes >= policy.MinDurationMinutes)
                {
                    result.Add(aligned);
                }
            }
        }

        return result;
    }

    /// <summary>The branch's opening periods that fall inside <paramref name="range"/>, as UTC instants, clipped to it.</summary>
    public static IReadOnlyList<UtcInterval> OpenIntervals(Location location, UtcInterval range)
    {
        var zone = location.TimeZone;
        var firstDay = DateOnly.FromDateTime(LocalCalendar.ToLocal(range.Start, zone));
        var lastDay = DateOnly.FromDateTime(LocalCalendar.ToLocal(range.End, zone));
        var result = new List<UtcInterval>();
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            foreach (var hours in location.OpeningHours.Where(h => h.Day == day.DayOfWeek))
            {
                var opens = LocalCalendar.ToUtc(day.ToDateTime(hours.Opens), zone);
                var closes = hours.Closes == TimeOnly.MinValue
                    ? LocalCalendar.ToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue), zone)
                    : LocalCalendar.ToUtc(day.ToDateTime(hours.Closes), zone);
                var clipped = new UtcInterval(Max(opens, range.Start), Min(closes, range.End));
                if (!clipped.IsEmpty)
                {
                    result.Add(clipped);
                }
            }
        }

        return result;
    }

    private static IEnumerable<UtcInterval> Subtract(UtcInterval window, List<UtcInterval> sortedBlocks)
    {
        var cursor = window.Start;
        foreach (var block in sortedBlocks)
        {
            if (block.End <= cursor || block.Start >= window.End)
            {
                continue;
            }

            if (block.Start > cursor)
            {
                yield return new UtcInterval(cursor, block.Start);
            }

            cursor = Max(cursor, block.End);
            if (cursor >= window.End)
            {
                yield break;
            }
        }

        if (cursor < window.End)
        {
            yield return new UtcInterval(cursor, window.End);
        }
    }

    /// <summary>Moves the start up to the next slot boundary in local time (multiples of the slot from local midnight).</summary>
    private static UtcInterval AlignStart(UtcInterval free, int slotMinutes, TimeZoneInfo zone)
    {
        var local = LocalCalendar.ToLocal(free.Start, zone);
        var minutes = local.TimeOfDay.TotalMinutes;
        var remainder = minutes % slotMinutes;
        var start = remainder == 0 ? free.Start : free.Start.AddMinutes(slotMinutes - remainder);
        return start >= free.End ? new UtcInterval(free.End, free.End) : new UtcInterval(start, free.End);
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
