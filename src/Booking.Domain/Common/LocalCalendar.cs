namespace Booking.Domain.Common;

/// <summary>Conversions between UTC instants and a branch's wall-clock time, safe across daylight-saving changes.</summary>
public static class LocalCalendar
{
    public static DateTime ToLocal(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    /// <summary>
    /// The UTC instant of a wall-clock time. A time skipped by a spring-forward change moves to the
    /// first instant after the gap; a time repeated in autumn takes its first occurrence.
    /// </summary>
    public static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            // Walk forward minute by minute to the end of the gap (gaps are at most a few hours).
            var probe = unspecified;
            while (zone.IsInvalidTime(probe))
            {
                probe = probe.AddMinutes(1);
            }

            return TimeZoneInfo.ConvertTimeToUtc(probe, zone);
        }

        if (zone.IsAmbiguousTime(unspecified))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(unspecified);
            var earliest = offsets.Max();
            return DateTime.SpecifyKind(unspecified - earliest, DateTimeKind.Utc);
        }

        return TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
    }

    /// <summary>The local week (Monday 00:00 to the next Monday 00:00) holding <paramref name="utc"/>, as UTC instants.</summary>
    public static UtcInterval WeekOf(DateTime utc, TimeZoneInfo zone)
    {
        var local = ToLocal(utc, zone);
        var daysSinceMonday = ((int)local.DayOfWeek + 6) % 7;
        var monday = local.Date.AddDays(-daysSinceMonday);
        return new UtcInterval(ToUtc(monday, zone), ToUtc(monday.AddDays(7), zone));
    }

    /// <summary>The local day holding <paramref name="utc"/> (midnight to midnight), as UTC instants; 23 or 25 hours on change days.</summary>
    public static UtcInterval DayOf(DateTime utc, TimeZoneInfo zone)
    {
        var date = ToLocal(utc, zone).Date;
        return new UtcInterval(ToUtc(date, zone), ToUtc(date.AddDays(1), zone));
    }

    public static UtcInterval DayOf(DateOnly date, TimeZoneInfo zone)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue);
        return new UtcInterval(ToUtc(midnight, zone), ToUtc(midnight.AddDays(1), zone));
    }

    public static string Describe(DateTime utc, TimeZoneInfo zone) =>
        ToLocal(utc, zone).ToString("ddd d MMM yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static string Clock(DateTime utc, TimeZoneInfo zone) =>
        ToLocal(utc, zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A local date and time as the reader's culture writes it, short: the abbreviated day, the culture's month-day
    /// pattern with the abbreviated month, its short time ("Tue, Dec 1, 2:00 PM"; "mar, 1 de dic, 14:00").
    /// </summary>
    public static string Short(DateTime local, System.Globalization.CultureInfo culture)
    {
        var f = culture.DateTimeFormat;
        return Spaced(local.ToString($"ddd, {f.MonthDayPattern.Replace("MMMM", "MMM", StringComparison.Ordinal)}, {f.ShortTimePattern}", culture));
    }

    /// <summary>A clock time in the culture's short time pattern ("2:00 PM", "14:00").</summary>
    public static string Clock(TimeOnly time, System.Globalization.CultureInfo culture) =>
        Spaced(time.ToString(culture.DateTimeFormat.ShortTimePattern, culture));

    // Newer ICU puts a narrow no-break space before AM/PM; the e-mails write a plain one, and pages say it the same way.
    private static string Spaced(string text) => text.Replace('\u202F', ' ');
}
