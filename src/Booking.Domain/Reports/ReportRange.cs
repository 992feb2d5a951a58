using Booking.Domain.Common;

namespace Booking.Domain.Reports;

/// <summary>The local dates a report covers, both included: the last four weeks unless asked otherwise, at most about two years.</summary>
public sealed record ReportRange(DateOnly From, DateOnly To)
{
    /// <summary>The longest range a report takes (two years and a day, so two full calendar years fit).</summary>
    public const int MaxDays = 732;

    /// <summary>The default: the 28 days ending today.</summary>
    public const int DefaultDays = 28;

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The range asked for; a missing end is today, a missing start four weeks before the end. Refuses a reversed or too long range.</summary>
    public static ReportRange Create(DateOnly? from, DateOnly? to, DateOnly today)
    {
        var end = to ?? today;
        var start = from ?? end.AddDays(1 - DefaultDays);
        if (start > end)
        {
            throw new DomainException(ErrorCodes.Validation, "The range starts ({0:yyyy-MM-dd}) after it ends ({1:yyyy-MM-dd}).", start, end);
        }

        var range = new ReportRange(start, end);
        if (range.Days > MaxDays)
        {
            throw new DomainException(ErrorCodes.Validation, "A report covers at most {0} days (about two years); this range has {1}.", MaxDays, range.Days);
        }

        return range;
    }

    /// <summary>The Monday of the local week holding <paramref name="date"/>: weeks run Monday to Sunday.</summary>
    public static DateOnly WeekOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    /// <summary>The Mondays of every week the range touches, in order.</summary>
    public IReadOnlyList<DateOnly> Weeks()
    {
        var weeks = new List<DateOnly>();
        for (var monday = WeekOf(From); monday <= To; monday = monday.AddDays(7))
        {
            weeks.Add(monday);
        }

        return weeks;
    }

    /// <summary>The range at a branch as UTC instants: local midnight of the first day to local midnight after the last.</summary>
    public UtcInterval InZone(TimeZoneInfo zone) =>
        new(LocalCalendar.ToUtc(From.ToDateTime(TimeOnly.MinValue), zone), LocalCalendar.ToUtc(To.AddDays(1).ToDateTime(TimeOnly.MinValue), zone));
}
