using Booking.Domain.Common;

namespace Booking.Domain.Reservations;

/// <summary>How a series repeats: every day, every weekday (Monday to Friday), or weekly on the first date's weekday.</summary>
public enum SeriesRepeat
{
    Daily,
    Weekdays,
    Weekly,
}

/// <summary>One date of a series at a branch: its local times and, unless the clocks skip them that day, its instants.</summary>
public sealed record SeriesOccurrence(DateOnly Date, DateTime StartLocal, DateTime EndLocal, UtcInterval? Interval);

/// <summary>
/// A recurring booking as staff ask for it: local times on a pattern of dates, stopping after <see cref="Count"/>
/// dates or at <see cref="Until"/>, whichever comes first. Times are wall-clock times at the branch, so 10:00 stays
/// 10:00 across a daylight-saving change.
/// </summary>
public sealed record SeriesPlan(SeriesRepeat Repeat, DateOnly FirstDate, TimeOnly StartTime, TimeOnly EndTime, int? Count, DateOnly? Until)
{
    /// <summary>The most dates one series books (a year of weekly classes).</summary>
    public const int MaxOccurrences = 52;

    /// <summary>The last date lies at most this many days after the first.</summary>
    public const int MaxSpanDays = 365;

    /// <summary>What is wrong with the plan, field by field (API names); empty when it can be expanded.</summary>
    public IReadOnlyList<(string Field, string Message)> Problems()
    {
        var problems = new List<(string, string)>();
        if (EndTime <= StartTime)
        {
            problems.Add(("endTime", "The end must be after the start (each date of a series lies within one day)."));
        }

        if (Count is null && Until is null)
        {
            problems.Add(("count", "Say how many times, or the last date."));
        }

        if (Count is { } count && count is < 1 or > MaxOccurrences)
        {
            problems.Add(("count", $"A series has 1 to {MaxOccurrences} dates."));
        }

        if (Until is { } until && until < FirstDate)
        {
            problems.Add(("until", "The last date must not be before the first."));
        }
        else if (Until is { } far && far.DayNumber - FirstDate.DayNumber > MaxSpanDays)
        {
            problems.Add(("until", "A series ends within a year of its first date."));
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        var dates = Expand();
        if (dates.Count == 0)
        {
            problems.Add(("until", "That pattern gives no dates between the first and the last date."));
        }
        else if (dates.Count > MaxOccurrences)
        {
            problems.Add(("until", $"That gives more than {MaxOccurrences} dates; book a shorter series."));
        }

        return problems;
    }

    /// <summary>The dates, in order; call after <see cref="Problems"/> is empty.</summary>
    public IReadOnlyList<DateOnly> Dates()
    {
        var dates = Expand();
        return dates.Count > MaxOccurrences ? dates.Take(MaxOccurrences).ToList() : dates;
    }

    /// <summary>Every date with its local times and instants in <paramref name="zone"/>.</summary>
    public IReadOnlyList<SeriesOccurrence> Occurrences(TimeZoneInfo zone) => Dates().Select(d => At(d, zone)).ToList();

    /// <summary>
    /// The occurrence on <paramref name="date"/>. A start or end the clocks skip that night has no instants (the date is
    /// refused, never moved); a time that comes twice is its first coming, as everywhere else.
    /// </summary>
    public SeriesOccurrence At(DateOnly date, TimeZoneInfo zone)
    {
        var startLocal = date.ToDateTime(StartTime);
        var endLocal = date.ToDateTime(EndTime);
        if (zone.IsInvalidTime(startLocal) || zone.IsInvalidTime(endLocal))
        {
            return new SeriesOccurrence(date, startLocal, endLocal, null);
        }

        var start = LocalCalendar.ToUtc(startLocal, zone);
        var end = LocalCalendar.ToUtc(endLocal, zone);
        return new SeriesOccurrence(date, startLocal, endLocal, end > start ? new UtcInterval(start, end) : null);
    }

    /// <summary>Up to one more date than allowed, so a too-long plan is told apart from a full one.</summary>
    private List<DateOnly> Expand()
    {
        var last = Until ?? FirstDate.AddDays(MaxSpanDays);
        if (last.DayNumber - FirstDate.DayNumber > MaxSpanDays)
        {
            last = FirstDate.AddDays(MaxSpanDays);
        }

        var wanted = Math.Min(Count ?? int.MaxValue, MaxOccurrences + 1);
        var dates = new List<DateOnly>();
        var step = Repeat == SeriesRepeat.Weekly ? 7 : 1;
        for (var date = FirstDate; date <= last && dates.Count < wanted; date = date.AddDays(step))
        {
            if (Repeat != SeriesRepeat.Weekdays || date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                dates.Add(date);
            }
        }

        return dates;
    }
}
