using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Domain.Sessions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Display;

/// <summary>
/// The screen on the makerspace door: what each resource of a branch is doing now and next today, and today's sessions.
/// Anyone may read it (it hangs in a public place), so it shows nothing personal: no patron, no notes, no reasons;
/// only resource names, times and session titles, which are public anyway.
/// </summary>
public sealed class DisplayModel(BookingDbContext db, TimeProvider clock, IConfiguration configuration, IStringLocalizer<DisplayModel> words) : PageModel
{
    /// <summary>Resources on one screen; a bigger branch pages through them (the refresh moves to the next page).</summary>
    public const int PageSize = 12;

    /// <summary>Sessions listed at most: a door shows the day, not the programme.</summary>
    public const int MaxSessions = 8;

    /// <summary>One resource's line, in the branch's local time.</summary>
    public sealed record Line(string Name, string Kind, DoorState State, DateTimeOffset? Until, string? NowTitle, bool Maintenance, IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End, string? Title)> Next);

    /// <summary>A session today, in local time.</summary>
    public sealed record SessionLine(string Title, string Kind, string Room, DateTimeOffset Start, DateTimeOffset End);

    public Guid LocationId { get; private set; }

    public string BranchName { get; private set; } = "";

    public DateTimeOffset Now { get; private set; }

    public bool OpenNow { get; private set; }

    public IReadOnlyList<Line> Lines { get; private set; } = [];

    public IReadOnlyList<SessionLine> Sessions { get; private set; } = [];

    public int PageNumber { get; private set; } = 1;

    public int PageCount { get; private set; } = 1;

    /// <summary>Seconds between refreshes (<c>Display:RefreshSeconds</c>, default 60).</summary>
    public int RefreshSeconds => Math.Clamp(SettingValues.Count(configuration, "Display:RefreshSeconds", 60), 1, 3600);

    /// <summary>Where the next refresh goes: the next page, or back to the first.</summary>
    public string NextUrl => PageCount > 1 && PageNumber < PageCount ? $"/display/{LocationId}?page={PageNumber + 1}" : $"/display/{LocationId}";

    // "page" is Razor Pages' own route value: the query's page is read from the query string alone.
    public async Task<IActionResult> OnGetAsync(Guid locationId, [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        var branch = await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Id == locationId, ct);
        if (branch is null)
        {
            return NotFound();
        }

        (LocationId, BranchName) = (branch.Id, branch.Name);
        var zone = branch.TimeZone;
        var now = clock.GetUtcNow().UtcDateTime;
        Now = Local(now, zone);
        // Today's rest, and at least the next hour (late in the evening that runs into tomorrow).
        var endOfDay = LocalCalendar.DayOf(now, zone).End;
        var horizon = endOfDay > now.AddHours(1) ? endOfDay : now.AddHours(1);
        var open = Booking.Domain.Reservations.FreeTime.OpenIntervals(branch, new UtcInterval(now.AddDays(-1), horizon))
            .Where(p => p.End > now && !branch.Closures.Any(c => ClosureCovers(c, p, zone))).ToList();
        OpenNow = open.Any(p => p.Start <= now && now < p.End);

        var resources = db.Resources.AsNoTracking().Where(r => r.LocationId == locationId);
        var count = await resources.CountAsync(ct);
        PageCount = Math.Max(1, (count + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(pageNumber ?? 1, 1, PageCount);
        var shown = await resources.OrderBy(r => r.KindCode).ThenBy(r => r.Name).ThenBy(r => r.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(r => new { r.Id, r.Name, r.KindCode, r.IsOutOfService }).ToListAsync(ct);
        var ids = shown.Select(r => r.Id).ToList();
        var kindNames = await db.ResourceKinds.AsNoTracking().ToDictionaryAsync(k => k.Code, k => k.Name, ct);

        // Only what the screen needs: never the patron, notes or reasons.
        var booked = await db.Reservations.AsNoTracking()
            .Where(r => ids.Contains(r.ResourceId) && r.StartsAtUtc < horizon && r.EndsAtUtc > now
                && (r.Status == ReservationStatus.Pending || r.Status == ReservationStatus.Confirmed || r.Status == ReservationStatus.CheckedIn))
            .Select(r => new { r.Id, r.ResourceId, r.StartsAtUtc, r.EndsAtUtc }).ToListAsync(ct);
        var maintenance = await db.MaintenanceBlocks.AsNoTracking()
            .Where(m => ids.Contains(m.ResourceId) && m.LiftedAtUtc == null && m.StartsAtUtc < horizon && m.EndsAtUtc > now)
            .Select(m => new { m.ResourceId, m.StartsAtUtc, m.EndsAtUtc }).ToListAsync(ct);
        var sessions = await db.Sessions.AsNoTracking()
            .Where(s => s.LocationId == locationId && s.CancelledAtUtc == null && s.StartsAtUtc < horizon && s.EndsAtUtc > now)
            .OrderBy(s => s.StartsAtUtc).ToListAsync(ct);
        // A session's room and desks are reservations: the door names the session instead of "in use".
        var sessionOf = new Dictionary<Guid, string>();
        foreach (var s in sessions)
        {
            foreach (var id in s.DeskReservationIds.Append(s.RoomReservationId))
            {
                sessionOf[id] = s.Title;
            }
        }

        Lines = shown.Select(r =>
        {
            var busy = booked.Where(b => b.ResourceId == r.Id)
                .Select(b => sessionOf.TryGetValue(b.Id, out var title)
                    ? new BusyTime(new UtcInterval(b.StartsAtUtc, b.EndsAtUtc), BusyReason.Session, title)
                    : new BusyTime(new UtcInterval(b.StartsAtUtc, b.EndsAtUtc), BusyReason.Booked))
                .Concat(maintenance.Where(m => m.ResourceId == r.Id).Select(m => new BusyTime(new UtcInterval(m.StartsAtUtc, m.EndsAtUtc), BusyReason.Maintenance)));
            var line = DoorStatus.For(now, horizon, busy, open, r.IsOutOfService);
            return new Line(
                r.Name, kindNames.GetValueOrDefault(r.KindCode, r.KindCode), line.State,
                // "Until midnight" reads as the end of the day: no time at all.
                line.UntilUtc is { } until && until < endOfDay ? Local(until, zone) : null,
                line.Now?.Title, line.Now?.Reason == BusyReason.Maintenance,
                line.Next.Select(b => (Local(b.Interval.Start, zone), Local(b.Interval.End, zone), b.Title)).ToList());
        }).ToList();

        var roomIds = sessions.Select(s => s.RoomId).Distinct().ToList();
        var rooms = await db.Resources.AsNoTracking().Where(r => roomIds.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        Sessions = sessions.Take(MaxSessions)
            .Select(s => new SessionLine(s.Title, KindName(s.Kind), rooms.GetValueOrDefault(s.RoomId, ""), Local(s.StartsAtUtc, zone), Local(s.EndsAtUtc, zone)))
            .ToList();
        return Page();
    }

    private string KindName(SessionKind kind) => kind switch
    {
        SessionKind.Training => words["Training"].Value,
        SessionKind.Networking => words["Networking"].Value,
        _ => words["Workshop"].Value,
    };

    private static bool ClosureCovers(Domain.Locations.Closure closure, UtcInterval period, TimeZoneInfo zone) =>
        LocalCalendar.ToUtc(closure.StartsLocal, zone) <= period.Start && LocalCalendar.ToUtc(closure.EndsLocal, zone) >= period.End;

    private static DateTimeOffset Local(DateTime utc, TimeZoneInfo zone) => Reservations.ReservationQueries.Local(utc, zone);
}
