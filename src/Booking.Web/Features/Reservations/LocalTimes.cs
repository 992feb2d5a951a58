using System.Globalization;
using Booking.Domain.Common;

namespace Booking.Web.Features.Reservations;

/// <summary>A form's local date, start and end at a branch, as instants; an end at or before the start runs past midnight.</summary>
public sealed record LocalTimes(DateTime StartLocal, DateTime EndLocal, DateTimeOffset Start, DateTimeOffset End)
{
    public UtcInterval Interval => new(Start.UtcDateTime, End.UtcDateTime);

    /// <summary>
    /// <paramref name="startOffset"/> ("-05:00") picks one of the two times in the hour the clocks go back; otherwise
    /// the zone decides. An end that comes twice is the later one, so the booking is never negative.
    /// </summary>
    public static LocalTimes From(DateOnly date, TimeOnly startTime, TimeOnly endTime, string? startOffset, TimeZoneInfo zone)
    {
        var startLocal = date.ToDateTime(startTime);
        var endLocal = endTime <= startTime ? date.AddDays(1).ToDateTime(endTime) : date.ToDateTime(endTime);
        var startUtc = AmbiguousOffset(startLocal, zone, ParseOffset(startOffset)) is { } chosen
            ? DateTime.SpecifyKind(startLocal - chosen, DateTimeKind.Utc)
            : LocalCalendar.ToUtc(startLocal, zone);
        var endUtc = LocalCalendar.ToUtc(endLocal, zone);
        if (endUtc <= startUtc && zone.IsAmbiguousTime(endLocal))
        {
            endUtc = DateTime.SpecifyKind(endLocal - zone.GetAmbiguousTimeOffsets(endLocal).Min(), DateTimeKind.Utc); // the later of the two
        }

        return new LocalTimes(startLocal, endLocal, new DateTimeOffset(startUtc), new DateTimeOffset(endUtc));
    }

    /// <summary>The offset, if the local time comes twice and it is one of its two offsets; otherwise null.</summary>
    public static TimeSpan? AmbiguousOffset(DateTime local, TimeZoneInfo zone, TimeSpan? offset) =>
        offset is { } o && zone.IsAmbiguousTime(local) && zone.GetAmbiguousTimeOffsets(local).Contains(o) ? o : null;

    /// <summary>The form's offset as written ("-05:00", "+01:00"); null when absent or not an offset.</summary>
    public static TimeSpan? ParseOffset(string? text) =>
        text is not null && TimeSpan.TryParseExact(text.TrimStart('+', '-'), @"hh\:mm", CultureInfo.InvariantCulture, out var size)
            ? (text.StartsWith('-') ? -size : size)
            : null;

    public static string FormatOffset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hh\\:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// A grid link's <c>start</c>: local "yyyy-MM-ddTHH:mm", or with the offset where the local time comes twice.
    /// Null when it is neither or outside the years served.
    /// </summary>
    public static (DateTime Local, string? Offset)? ParseStart(string? start, TimeZoneInfo zone)
    {
        if (DateTime.TryParseExact(start, "yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) && Infrastructure.Instants.InWindow(local))
        {
            return (local, null);
        }

        if (DateTimeOffset.TryParseExact(start, "yyyy-MM-ddTHH:mmzzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) && Infrastructure.Instants.InWindow(instant.DateTime))
        {
            // The grid adds the offset only where the local time comes twice; keep it so the post books the one chosen.
            return (instant.DateTime, AmbiguousOffset(instant.DateTime, zone, instant.Offset) is { } offset ? FormatOffset(offset) : null);
        }

        return null;
    }
}
