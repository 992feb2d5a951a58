using Booking.Data;
using Booking.Domain.Common;
using Booking.Web.Features.Availability;
using Booking.Web.Features.Reservations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Resources;

/// <summary>A resource with its week (or one day's) grid in the branch's local time; free cells link to the booking form.</summary>
public sealed class DetailsModel(BookingDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Cell(string State, string Label, DateTime LocalStart);

    public sealed record Row(TimeOnly Time, IReadOnlyList<Cell> Cells);

    public ResourceView Resource { get; private set; } = null!;

    public string TimeZone { get; private set; } = "";

    public DateOnly Week { get; private set; }

    public DateOnly PreviousWeek => Week.AddDays(-7);

    public DateOnly NextWeek => Week.AddDays(7);

    /// <summary>The one day shown when a day was asked for (a phone's view); null for the week.</summary>
    public DateOnly? Day { get; private set; }

    public IReadOnlyList<DateOnly> Days { get; private set; } = [];

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int StepMinutes { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? week, string? day, CancellationToken ct)
    {
        var row = await ResourceQueries.Views(db).FirstOrDefaultAsync(r => r.Resource.Id == id, ct);
        var subject = await BookingSubject.LoadAsync(db, id, ct);
        if (row is null || subject is null)
        {
            return NotFound();
        }

        Resource = ResourceQueries.ToView(row);
        var zone = subject.Location.TimeZone;
        TimeZone = subject.Location.TimeZoneId;
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(LocalCalendar.ToLocal(now, zone));
        Week = DateOnly.TryParseExact(week, "yyyy-MM-dd", out var asked) ? asked : today;
        if (DateOnly.TryParseExact(day, "yyyy-MM-dd", out var oneDay))
        {
            Day = oneDay;
            Week = oneDay;
        }

        Week = Week.AddDays(-(((int)Week.DayOfWeek + 6) % 7)); // Monday
        Days = Day is { } shown ? [shown] : Enumerable.Range(0, 7).Select(Week.AddDays).ToList();

        var range = new UtcInterval(LocalCalendar.DayOf(Days[0], zone).Start, LocalCalendar.DayOf(Days[^1], zone).End);
        var time = await ResourceTime.LoadAsync(db, subject, range, now, ct);

        // Rows from the earliest opening to the latest closing of the week, one every slot (30 minutes at least).
        StepMinutes = Math.Max(subject.Policy.SlotMinutes, 30);
        var hours = subject.Location.OpeningHours;
        if (hours.Count == 0)
        {
            return Page();
        }

        var first = hours.Min(h => h.Opens);
        var last = hours.Max(h => h.Closes == TimeOnly.MinValue ? TimeOnly.MaxValue : h.Closes);
        var rows = new List<Row>();
        for (var t = first; t < last && t >= first; t = t.AddMinutes(StepMinutes))
        {
            var cells = Days.Select(d => CellAt(d.ToDateTime(t), subject, time, zone, now)).ToList();
            rows.Add(new Row(t, cells));
            if (t.AddMinutes(StepMinutes) < t)
            {
                break; // wrapped past midnight
            }
        }

        Rows = rows;
        return Page();
    }

    private static Cell CellAt(DateTime local, BookingSubject subject, ResourceTime time, TimeZoneInfo zone, DateTime nowUtc)
    {
        var start = LocalCalendar.ToUtc(local, zone);
        var slot = new UtcInterval(start, start.AddMinutes(Math.Max(subject.Policy.SlotMinutes, 30)));
        if (time.CanStartAt(start))
        {
            return new Cell("free", "Free", local);
        }

        if (slot.End <= nowUtc)
        {
            return new Cell("past", "Past", local);
        }

        var busy = time.Busy.FirstOrDefault(b => b.Interval.Overlaps(slot));
        if (busy != default)
        {
            return busy.Why switch
            {
                "maintenance" => new Cell("maintenance", "Maintenance", local),
                "closed" => new Cell("closed", "Closed", local),
                _ => new Cell("booked", "Booked", local),
            };
        }

        var open = FreeTimeOpen(subject, slot);
        return open ? new Cell("unavailable", "Not bookable", local) : new Cell("closed", "Closed", local);
    }

    private static bool FreeTimeOpen(BookingSubject subject, UtcInterval slot) =>
        Domain.Reservations.FreeTime.OpenIntervals(subject.Location, slot).Any(o => o.Contains(slot));
}
