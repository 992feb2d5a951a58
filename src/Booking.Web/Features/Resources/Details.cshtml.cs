using System.Globalization;
using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Sessions;
using Booking.Web.Features.Home;
using Booking.Web.Features.Reservations;
using Booking.Web.Infrastructure;
using Booking.Workflows.Reservations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Resources;

/// <summary>A resource with its week (or one day's) grid in the branch's local time; free cells link to the booking form.</summary>
public sealed class DetailsModel(BookingDbContext db, TimeProvider clock, IStringLocalizer<DetailsModel> words, IStringLocalizer<SpaceSearch> durations) : PageModel
{
    /// <summary>A slot (its <paramref name="Label"/> is the English key the page translates); <paramref name="Offset"/> is set only in the hour the clocks go back, where the wall-clock time comes twice.</summary>
    public sealed record Cell(string State, string Label, DateTime LocalStart, TimeSpan? Offset = null)
    {
        /// <summary>Rows this cell covers: a stretch of booked, closed or past time is one calm block; 0 for a slot an earlier cell covers.</summary>
        public int Span { get; init; } = 1;

        /// <summary>The reader's own reservation in this slot (state <c>mine</c>).</summary>
        public Guid? ReservationId { get; init; }

        /// <summary>The booking form's <c>start</c>: local time, with the UTC offset when the time alone is ambiguous.</summary>
        public string StartParameter => Offset is { } offset
            ? new DateTimeOffset(LocalStart, offset).ToString("yyyy-MM-ddTHH:mmzzz", CultureInfo.InvariantCulture).Replace("+", "%2B", StringComparison.Ordinal)
            : LocalStart.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

        public string Describe => Dates.DayAndTime(LocalStart)
            + (Offset is { } offset ? new DateTimeOffset(LocalStart, offset).ToString(" '(UTC'zzz')'", CultureInfo.InvariantCulture) : "");
    }

    /// <summary>A row of the grid; its heading is the time, with the offset where that time comes twice.</summary>
    public sealed record Row(string Heading, IReadOnlyList<Cell> Cells);

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

    /// <summary>When the day (or a day of the week) shown has a daylight-saving change, a sentence saying so; otherwise null.</summary>
    public string? ClockChange { get; private set; }

    /// <summary>The photo (no bytes), or null.</summary>
    public PhotoSummary? Photo { get; private set; }

    /// <summary>The booking policy in sentences.</summary>
    public IReadOnlyList<string> Rules { get; private set; } = [];

    /// <summary>A required certification: whether the reader holds it (null when not signed in) and the next training that grants it.</summary>
    public sealed record Need(string Name, bool? Held, Guid? TrainingId, string? TrainingTitle, DateTime? TrainingStart);

    public IReadOnlyList<Need> Needs { get; private set; } = [];

    /// <summary>Set when the current week had no free time left and the grid opened on a later week instead.</summary>
    public DateOnly? SkippedFrom { get; private set; }

    /// <summary>Why the week or day asked for cannot be shown (not a date, or outside the years served); the page then answers 400.</summary>
    public string? Refusal { get; private set; }

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
        Week = today;
        Photo = await PhotoSummary.Query(db).FirstOrDefaultAsync(p => p.ResourceId == id, ct);
        Rules = PolicyWords.Sentences(subject.Policy, Resource.KindName, words, durations);
        Needs = await NeedsAsync(subject, now, ct);
        foreach (var asked in new[] { week, day }.Where(a => !string.IsNullOrWhiteSpace(a)))
        {
            if (!Instants.TryParseDate(asked, out _))
            {
                Refusal = NotADate(asked);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }
        }

        if (Instants.TryParseDate(week, out var askedWeek))
        {
            Week = askedWeek;
        }

        if (Instants.TryParseDate(day, out var oneDay))
        {
            Day = oneDay;
            Week = oneDay;
        }

        Week = Week.AddDays(-(((int)Week.DayOfWeek + 6) % 7)); // Monday
        if (string.IsNullOrWhiteSpace(week) && string.IsNullOrWhiteSpace(day))
        {
            await OpenOnFreeWeekAsync(subject, zone, now, ct);
        }
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
        var times = new List<TimeOnly>();
        for (var t = first; t < last && t >= first; t = t.AddMinutes(StepMinutes))
        {
            times.Add(t);
            if (t.AddMinutes(StepMinutes) < t)
            {
                break; // wrapped past midnight
            }
        }

        Rows = Day is { } single ? DayRows(single, times, subject, time, zone, now) : WeekRows(times, subject, time, zone, now);
        Rows = Blocks(await MineAsync(Rows, range, zone, ct));
        if (Day is null && Days.FirstOrDefault(d => Changes(d, zone) != 0) is var changeDay && changeDay != default)
        {
            // The week's rows are wall-clock times shared by seven days; the change day's own view shows its real hours.
            ClockChange = words["The clocks change on {0}: open that day for its real hours.", Dates.Day(changeDay)];
        }

        return Page();
    }

    /// <summary>
    /// The week shares one row per wall-clock time; on a spring-forward day a time in the gap does not exist, so
    /// its cell says so instead of offering a time the form would move an hour on.
    /// </summary>
    private List<Row> WeekRows(List<TimeOnly> times, BookingSubject subject, ResourceTime time, TimeZoneInfo zone, DateTime now) =>
        times.Select(t => new Row(t.ToString("HH:mm", CultureInfo.InvariantCulture), Days.Select(d =>
        {
            var local = d.ToDateTime(t);
            return zone.IsInvalidTime(local)
                ? new Cell("unavailable", "No such time (clocks go forward)", local)
                : CellAt(LocalCalendar.ToUtc(local, zone), local, null, subject, time, now);
        }).ToList())).ToList();

    /// <summary>
    /// One day's rows are its real instants in order: no row for a time skipped in spring, and the repeated
    /// times in autumn twice, each headed with its UTC offset.
    /// </summary>
    private List<Row> DayRows(DateOnly day, List<TimeOnly> times, BookingSubject subject, ResourceTime time, TimeZoneInfo zone, DateTime now)
    {
        var slots = new List<(DateTime Utc, DateTime Local, TimeSpan? Offset)>();
        foreach (var local in times.Select(t => day.ToDateTime(t)).Where(l => !zone.IsInvalidTime(l)))
        {
            if (zone.IsAmbiguousTime(local))
            {
                slots.AddRange(zone.GetAmbiguousTimeOffsets(local).Select(o => (DateTime.SpecifyKind(local - o, DateTimeKind.Utc), local, (TimeSpan?)o)));
            }
            else
            {
                slots.Add((LocalCalendar.ToUtc(local, zone), local, null));
            }
        }

        var length = LocalCalendar.DayOf(day, zone);
        var hours = (length.End - length.Start).TotalHours.ToString("0.#", CultureInfo.InvariantCulture);
        ClockChange = Changes(day, zone) switch
        {
            < 0 => words["The clocks go forward this day ({0} hours long): the skipped times have no row.", hours].Value,
            > 0 => words["The clocks go back this day ({0} hours long): the repeated times are shown twice, each with its UTC offset.", hours].Value,
            _ => null,
        };
        return slots.OrderBy(s => s.Utc).Select(s => new Row(
            s.Offset is { } o ? new DateTimeOffset(s.Local, o).ToString("HH:mm '(UTC'zzz')'", CultureInfo.InvariantCulture) : s.Local.ToString("HH:mm", CultureInfo.InvariantCulture),
            [CellAt(s.Utc, s.Local, s.Offset, subject, time, now)])).ToList();
    }

    /// <summary>
    /// With no week asked for, a week already all past, closed or taken is no use: open on the week of the first free
    /// time within the advance window instead (one query over the window), and say so.
    /// </summary>
    private async Task OpenOnFreeWeekAsync(BookingSubject subject, TimeZoneInfo zone, DateTime now, CancellationToken ct)
    {
        var window = new UtcInterval(LocalCalendar.DayOf(Week, zone).Start, LocalCalendar.DayOf(DateOnly.FromDateTime(LocalCalendar.ToLocal(now, zone)).AddDays(subject.Policy.AdvanceWindowDays + 1), zone).End);
        var time = await ResourceTime.LoadAsync(db, subject, window, now, ct);
        var first = time.Free.Where(f => f.Duration.TotalMinutes >= subject.Policy.MinDurationMinutes).Select(f => (DateTime?)f.Start).FirstOrDefault();
        if (first is not { } start)
        {
            return;
        }

        var local = DateOnly.FromDateTime(LocalCalendar.ToLocal(start, zone));
        var monday = local.AddDays(-(((int)local.DayOfWeek + 6) % 7));
        if (monday > Week)
        {
            SkippedFrom = Week;
            Week = monday;
        }
    }

    /// <summary>The signed-in reader's own active reservations shown as theirs ("Your booking", linked); others' stay "Booked".</summary>
    private async Task<IReadOnlyList<Row>> MineAsync(IReadOnlyList<Row> rows, UtcInterval range, TimeZoneInfo zone, CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return rows;
        }

        var me = User.UserId();
        var mine = await db.Reservations.AsNoTracking().Where(ReservationFilters.IsActive)
            .Where(r => r.PatronId == me && r.ResourceId == Resource.Id && r.StartsAtUtc < range.End && r.EndsAtUtc > range.Start)
            .Select(r => new { r.Id, r.StartsAtUtc, r.EndsAtUtc }).ToListAsync(ct);
        if (mine.Count == 0)
        {
            return rows;
        }

        return rows.Select(row => row with
        {
            Cells = row.Cells.Select(cell =>
            {
                if (cell.State != "booked")
                {
                    return cell;
                }

                var start = cell.Offset is { } o ? DateTime.SpecifyKind(cell.LocalStart - o, DateTimeKind.Utc) : LocalCalendar.ToUtc(cell.LocalStart, zone);
                var own = mine.FirstOrDefault(m => m.StartsAtUtc <= start && start < m.EndsAtUtc);
                return own is null ? cell : cell with { State = "mine", Label = "Your booking", ReservationId = own.Id };
            }).ToList(),
        }).ToList();
    }

    /// <summary>Merges each column's runs of the same busy state (one reservation of one's own) into one cell spanning their rows.</summary>
    private static List<Row> Blocks(IReadOnlyList<Row> rows)
    {
        var cells = rows.Select(r => r.Cells.ToArray()).ToArray();
        for (var c = 0; cells.Length > 0 && c < cells[0].Length; c++)
        {
            var anchor = -1;
            for (var r = 0; r < cells.Length; r++)
            {
                var cell = cells[r][c];
                var same = anchor >= 0 && cell.State != "free" && cell.State == cells[anchor][c].State && cell.ReservationId == cells[anchor][c].ReservationId
                    && cell.Label == cells[anchor][c].Label;
                if (same)
                {
                    cells[anchor][c] = cells[anchor][c] with { Span = cells[anchor][c].Span + 1 };
                    cells[r][c] = cell with { Span = 0 };
                }
                else
                {
                    anchor = r;
                }
            }
        }

        return rows.Select((row, i) => row with { Cells = cells[i] }).ToList();
    }

    private async Task<IReadOnlyList<Need>> NeedsAsync(BookingSubject subject, DateTime now, CancellationToken ct)
    {
        var ids = subject.Resource.RequiredCertificationIds;
        if (ids.Length == 0)
        {
            return [];
        }

        var names = await db.Certifications.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        HashSet<Guid>? held = null;
        if (User.Identity?.IsAuthenticated == true)
        {
            var me = User.UserId();
            var grants = await db.CertificationGrants.AsNoTracking().Where(g => g.PatronId == me && ids.Contains(g.CertificationId)).ToListAsync(ct);
            held = grants.Where(g => g.IsValidAt(now)).Select(g => g.CertificationId).ToHashSet();
        }

        // The next training per certification: few are scheduled, so the upcoming ones for these certifications, first per id.
        var trainings = await db.Sessions.AsNoTracking()
            .Where(s => s.Kind == SessionKind.Training && s.CertificationId != null && ids.Contains(s.CertificationId.Value) && s.StartsAtUtc > now && s.CancelledAtUtc == null)
            .OrderBy(s => s.StartsAtUtc).Select(s => new { s.Id, s.Title, s.StartsAtUtc, CertificationId = s.CertificationId!.Value, s.LocationId }).Take(50).ToListAsync(ct);
        var zones = await db.Locations.AsNoTracking().Select(l => new { l.Id, l.TimeZoneId }).ToDictionaryAsync(l => l.Id, l => l.TimeZoneId, ct);
        return names.Select(n =>
        {
            var next = trainings.FirstOrDefault(t => t.CertificationId == n.Id);
            DateTime? start = next is null ? null : LocalCalendar.ToLocal(next.StartsAtUtc, TimeZoneInfo.FindSystemTimeZoneById(zones[next.LocationId]));
            return new Need(n.Name, held?.Contains(n.Id), next?.Id, next?.Title, start);
        }).ToList();
    }

    /// <summary><see cref="Instants.NotADate"/> in the reader's language.</summary>
    private string NotADate(string? text) => DateOnly.TryParseExact(text?.Trim(), Instants.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
        ? words["Give a date between the years {0} and {1}.", Instants.EarliestYear, Instants.LatestYear]
        : words["'{0}' is not a date; use {1}.", text ?? "", Instants.DateFormat];

    /// <summary>Negative when the day is short (clocks forward), positive when long (clocks back), zero otherwise.</summary>
    private static int Changes(DateOnly day, TimeZoneInfo zone)
    {
        var length = LocalCalendar.DayOf(day, zone);
        return (length.End - length.Start).CompareTo(TimeSpan.FromDays(1));
    }

    private static Cell CellAt(DateTime start, DateTime local, TimeSpan? offset, BookingSubject subject, ResourceTime time, DateTime nowUtc)
    {
        var slot = new UtcInterval(start, start.AddMinutes(Math.Max(subject.Policy.SlotMinutes, 30)));
        if (time.CanStartAt(start))
        {
            return new Cell("free", "Free", local, offset);
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
                _ => new Cell("booked", "Booked", local, offset),
            };
        }

        var open = FreeTimeOpen(subject, slot);
        return open ? new Cell("unavailable", "Not bookable", local) : new Cell("closed", "Closed", local);
    }

    private static bool FreeTimeOpen(BookingSubject subject, UtcInterval slot) =>
        Domain.Reservations.FreeTime.OpenIntervals(subject.Location, slot).Any(o => o.Contains(slot));
}
