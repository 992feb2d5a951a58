using Booking.Domain.Common;

namespace Booking.Domain.Reports;

/// <summary>
/// A stretch of time in which a branch's clock is a fixed offset from UTC, so local time is UTC plus
/// <see cref="OffsetSeconds"/>. A database without time zones (SQLite) can then bucket instants by local day and
/// hour with plain arithmetic, one span at a time; a range has one span per daylight-saving change, plus one.
/// </summary>
public sealed record OffsetSpan(UtcInterval Interval, long OffsetSeconds)
{
    /// <summary>The spans that cover <paramref name="range"/> in <paramref name="zone"/>, in order, without gaps.</summary>
    public static IReadOnlyList<OffsetSpan> Cover(UtcInterval range, TimeZoneInfo zone)
    {
        var spans = new List<OffsetSpan>();
        var start = range.Start;
        var offset = zone.GetUtcOffset(start);
        // Offsets change at most a few times a year and never twice within an hour: step by the hour, then find the minute.
        for (var probe = start.AddHours(1); probe < range.End; probe = probe.AddHours(1))
        {
            if (zone.GetUtcOffset(probe) == offset)
            {
                continue;
            }

            var change = probe.AddHours(-1);
            while (zone.GetUtcOffset(change) == offset)
            {
                change = change.AddMinutes(1);
            }

            spans.Add(new OffsetSpan(new UtcInterval(start, change), (long)offset.TotalSeconds));
            start = change;
            offset = zone.GetUtcOffset(change);
        }

        spans.Add(new OffsetSpan(new UtcInterval(start, range.End), (long)offset.TotalSeconds));
        return spans;
    }
}
