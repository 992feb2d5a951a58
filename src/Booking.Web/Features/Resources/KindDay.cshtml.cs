using System.Globalization;
using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.Web.Infrastructure;
using Booking.Workflows.Reservations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Resources;

/// <summary>
/// One day for every resource of a kind (<c>/kinds/{code}/day</c>): free time as blocks to choose, booked time as
/// calm blocks. Public like the home page; shows no patron data (busy stretches carry only why).
/// </summary>
public sealed class KindDayModel(BookingDbContext db, TimeProvider clock, IStringLocalizer<KindDayModel> words) : PageModel
{
    /// <summary>A stretch of a resource's day in local time: <c>free</c>, <c>reserved</c>, <c>maintenance</c>, <c>closed</c> or <c>unavailable</c>.</summary>
    public sealed record Block(DateTime Start, DateTime End, string State)
    {
        /// <summary>The reader's own reservation, for a block of state <c>mine</c>.</summary>
        public Guid? ReservationId { get; init; }
    }

    public sealed record Row(Guid Id, string Name, string LocationName, IReadOnlyList<Block> Blocks, PhotoSummary? Photo = null);

    public ResourceKind Kind { get; private set; } = null!;

    public DateOnly Day { get; private set; }

    public Guid? LocationId { get; private set; }

    public string? Problem { get; private set; }

    public IReadOnlyList<Domain.Locations.Location> Locations { get; private set; } = [];

    /// <summary>The hours shown as columns: from the earliest opening to the latest closing of the branches shown.</summary>
    public IReadOnlyList<int> Hours { get; private set; } = [];

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public bool Closed => Rows.Count > 0 && Hours.Count == 0;

    public async Task<IActionResult> OnGetAsync(string code, string? date, string? locationId, CancellationToken ct)
    {
        var kind = await db.ResourceKinds.AsNoTracking().FirstOrDefaultAsync(k => k.Code == code, ct);
        if (kind is null)
        {
            return NotFound();
        }

        Kind = kind;
        Locations = await db.Locations.AsNoTracking().OrderBy(l => l.Name).ToListAsync(ct);
        if (!string.IsNullOrEmpty(locationId))
        {
            if (Guid.TryParse(locationId, out var id) && Locations.Any(l => l.Id == id))
            {
                LocationId = id;
            }
            else
            {
                Problem = words["That branch is not one of ours; showing all branches."];
            }
        }

        var rows = await ResourceQueries.Views(db).Where(r => r.Resource.KindCode == code && (LocationId == null || r.Resource.LocationId == LocationId))
            .OrderBy(r => r.LocationName).ThenBy(r => r.Resource.Name).ToListAsync(ct);
        var locations = Locations.ToDictionary(l => l.Id);
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var firstZone = rows.Count > 0 ? locations[rows[0].Resource.LocationId].TimeZone : Locations.FirstOrDefault()?.TimeZone ?? TimeZoneInfo.Utc;
        Day = DateOnly.FromDateTime(LocalCalendar.ToLocal(nowUtc, firstZone));
        if (!string.IsNullOrWhiteSpace(date))
        {
            if (Instants.TryParseDate(date, out var asked))
            {
                Day = asked;
            }
            else
            {
                Problem = Problem is null ? NotADate(date) : $"{Problem} {NotADate(date)}";
            }
        }

        // The columns: opening periods of the branches shown, in each branch's local time.
        var open = rows.Select(r => locations[r.Resource.LocationId]).Distinct()
            .SelectMany(l => FreeTime.OpenIntervals(l, WholeDay(l.TimeZone)).Select(o => (Start: LocalCalendar.ToLocal(o.Start, l.TimeZone), End: LocalCalendar.ToLocal(o.End, l.TimeZone))))
            .ToList();
        if (open.Count == 0)
        {
            Rows = rows.Select(r => new Row(r.Resource.Id, r.Resource.Name, r.LocationName, [])).ToList();
            return Page();
        }

        var from = Day.ToDateTime(new TimeOnly(open.Min(o => o.Start).Hour, 0));
        var lastEnd = open.Max(o => o.End);
        var to = lastEnd.Minute == 0 && lastEnd.Second == 0 ? lastEnd : lastEnd.Date.AddHours(lastEnd.Hour + 1);
        Hours = Enumerable.Range(0, (int)Math.Ceiling((to - from).TotalHours)).Select(h => from.Hour + h).ToList();

        var ids = rows.Select(r => r.Resource.Id).ToList();
        var photos = await PhotoSummary.Query(db).Where(p => ids.Contains(p.ResourceId)).ToDictionaryAsync(p => p.ResourceId, ct);
        var mine = await MineAsync(ids, ct);

        // One query per resource (a kind is a handful of resources): the same computation as the API and the grid.
        var result = new List<Row>();
        foreach (var r in rows)
        {
            var location = locations[r.Resource.LocationId];
            var zone = location.TimeZone;
            var subject = new BookingSubject(r.Resource, r.Kind, location, r.Resource.EffectivePolicy(r.Kind.DefaultPolicy));
            var range = new UtcInterval(LocalCalendar.ToUtc(from, zone), LocalCalendar.ToUtc(to, zone));
            var time = await ResourceTime.LoadAsync(db, subject, range, nowUtc, ct);
            var free = time.Free.Select(f => (Start: LocalCalendar.ToLocal(f.Start, zone), End: LocalCalendar.ToLocal(f.End, zone))).ToList();
            var busy = time.Busy.Select(b => (Start: LocalCalendar.ToLocal(b.Interval.Start, zone), End: LocalCalendar.ToLocal(b.Interval.End, zone), b.Why)).ToList();
            var own = mine.Where(m => m.ResourceId == r.Resource.Id)
                .Select(m => (Id: m.Id, Start: LocalCalendar.ToLocal(m.StartsAtUtc, zone), End: LocalCalendar.ToLocal(m.EndsAtUtc, zone))).ToList();
            busy.AddRange(own.Select(m => (m.Start, m.End, Why: "mine")));
            var blocks = Blocks(from, to, free, busy)
                .Select(b => b.State == "mine" ? b with { ReservationId = own.FirstOrDefault(m => m.Start <= b.Start && b.Start < m.End).Id } : b).ToList();
            result.Add(new Row(r.Resource.Id, r.Resource.Name, r.LocationName, blocks, photos.GetValueOrDefault(r.Resource.Id)));
        }

        Rows = result;
        return Page();
    }

    /// <summary>The day cut at every edge and every full hour; free pieces stay one per hour (a start to choose), the rest merge.</summary>
    public static IReadOnlyList<Block> Blocks(DateTime from, DateTime to, List<(DateTime Start, DateTime End)> free, List<(DateTime Start, DateTime End, string Why)> busy)
    {
        var cuts = new SortedSet<DateTime> { from, to };
        for (var h = from; h < to; h = h.AddHours(1))
        {
            cuts.Add(h);
        }

        foreach (var t in free.Select(f => (f.Start, f.End)).Concat(busy.Select(b => (b.Start, b.End))))
        {
            cuts.Add(Clamp(t.Start, from, to));
            cuts.Add(Clamp(t.End, from, to));
        }

        var points = cuts.ToList();
        var blocks = new List<Block>();
        for (var i = 0; i + 1 < points.Count; i++)
        {
            var (a, b) = (points[i], points[i + 1]);
            var state = free.Any(f => f.Start <= a && b <= f.End) ? "free"
                : busy.Where(x => x.Start <= a && b <= x.End).Select(x => x.Why).OrderBy(w => w == "mine" ? 0 : w == "reserved" ? 1 : 2).FirstOrDefault() ?? "unavailable";
            if (state != "free" && blocks.Count > 0 && blocks[^1].State == state && blocks[^1].End == a)
            {
                blocks[^1] = blocks[^1] with { End = b };
            }
            else
            {
                blocks.Add(new Block(a, b, state));
            }
        }

        return blocks;
    }

    /// <summary>A block's width in the table's five-minute columns (edges rounded, so the spans add up to the day).</summary>
    public static int Columns(int firstHour, Block block)
    {
        int At(DateTime t) => (int)Math.Round((t - t.Date.AddHours(firstHour)).TotalMinutes / 5, MidpointRounding.AwayFromZero);
        return At(block.End) - At(block.Start);
    }

    /// <summary>The signed-in reader's active reservations of these resources around the day (none for a visitor).</summary>
    private async Task<List<(Guid Id, Guid ResourceId, DateTime StartsAtUtc, DateTime EndsAtUtc)>> MineAsync(List<Guid> ids, CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return [];
        }

        var me = User.UserId();
        // Two days either side covers every branch's zone; the blocks keep only what falls in the day shown.
        var from = LocalCalendar.ToUtc(Day.AddDays(-2).ToDateTime(TimeOnly.MinValue), TimeZoneInfo.Utc);
        var to = LocalCalendar.ToUtc(Day.AddDays(3).ToDateTime(TimeOnly.MinValue), TimeZoneInfo.Utc);
        var rows = await db.Reservations.AsNoTracking().Where(ReservationFilters.IsActive)
            .Where(r => r.PatronId == me && ids.Contains(r.ResourceId) && r.StartsAtUtc < to && r.EndsAtUtc > from)
            .Select(r => new { r.Id, r.ResourceId, r.StartsAtUtc, r.EndsAtUtc }).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.ResourceId, r.StartsAtUtc, r.EndsAtUtc)).ToList();
    }

    public string DayLink(DateOnly day) =>
        $"/kinds/{Uri.EscapeDataString(Kind.Code)}/day?date={day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}{(LocationId is { } l ? $"&locationId={l}" : "")}";

    /// <summary><see cref="Instants.NotADate"/> in the reader's language.</summary>
    private string NotADate(string? text) => DateOnly.TryParseExact(text?.Trim(), Instants.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
        ? words["Give a date between the years {0} and {1}.", Instants.EarliestYear, Instants.LatestYear]
        : words["'{0}' is not a date; use {1}.", text ?? "", Instants.DateFormat];

    /// <summary>The English word for a block's state: the key the page's resources translate.</summary>
    public static string Words(string state) => state switch
    {
        "free" => "Free",
        "reserved" => "Booked",
        "mine" => "Your booking",
        "maintenance" => "Maintenance",
        "closed" => "Closed",
        _ => "Not bookable",
    };

    private UtcInterval WholeDay(TimeZoneInfo zone) =>
        new(LocalCalendar.ToUtc(Day.ToDateTime(TimeOnly.MinValue), zone), LocalCalendar.ToUtc(Day.AddDays(1).ToDateTime(TimeOnly.MinValue), zone));

    private static DateTime Clamp(DateTime t, DateTime from, DateTime to) => t < from ? from : t > to ? to : t;
}
