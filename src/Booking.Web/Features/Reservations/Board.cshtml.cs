using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Locations;
using Booking.Domain.Resources;
using Booking.Web.Features.Shared;
using Booking.Web.Infrastructure;
using Booking.Workflows.Reservations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Reservations;

/// <summary>Today's board at a branch: who is due, checked in, late or overdue, with the desk's actions.</summary>
[Authorize(Policy = MakerspaceApp.StaffPolicy)]
public sealed class BoardModel(BookingDbContext db, ReservationActions actions, TimeProvider clock, IStringLocalizer<BoardModel> words, IStringLocalizer<StatusLabel> statusWords) : PageModel
{
    public IReadOnlyList<Location> Locations { get; private set; } = [];

    public Guid LocationId { get; private set; }

    public string LocationName { get; private set; } = "";

    public DateOnly Day { get; private set; }

    public IReadOnlyList<ReservationView> Board { get; private set; } = [];

    /// <summary>Each patron on the board by id: their name (their e-mail when they gave none).</summary>
    public IReadOnlyDictionary<Guid, string> PatronNames { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>Why the branch is closed all of <see cref="Day"/> (no opening hours that weekday, or a closure); null when it opens.</summary>
    public string? ClosedBecause { get; private set; }

    public string? Problem { get; private set; }

    private DateTimeOffset _now;

    public async Task OnGetAsync(Guid? locationId, string? date, CancellationToken ct) => await LoadAsync(locationId, date, ct);

    public Task<IActionResult> OnPostApproveAsync(Guid id, Guid? locationId, string? date, CancellationToken ct) =>
        ActAsync(() => actions.ApproveAsync(Actor, id, ct), (_, _) => words["Approved."].Value, locationId, date, ct);

    /// <summary>Check-in; for a laptop, the hand-over (the message says when it is due back).</summary>
    public Task<IActionResult> OnPostCheckInAsync(Guid id, Guid? locationId, string? date, CancellationToken ct) =>
        ActAsync(() => actions.CheckInAsync(Actor, id, ct), (r, zone) => r.KindCode == KnownKinds.Laptop
            ? words["Handed over. Due back by {0} at {1}.", Dates.ShortDay(ReservationQueries.Local(r.EndsAtUtc, zone)), Dates.Time(ReservationQueries.Local(r.EndsAtUtc, zone))].Value
            : words["Checked in."].Value, locationId, date, ct);

    /// <summary>Complete; for a laptop, its return.</summary>
    public Task<IActionResult> OnPostCompleteAsync(Guid id, Guid? locationId, string? date, CancellationToken ct) =>
        ActAsync(() => actions.CompleteAsync(Actor, id, ct), (r, _) => r.KindCode == KnownKinds.Laptop ? words["Returned. The laptop is back."].Value : words["Completed."].Value, locationId, date, ct);

    /// <summary>In words: due, late, checked in, overdue (never by colour alone).</summary>
    public StatusLabel StatusFor(ReservationView r) => r.Status switch
    {
        "confirmed" when _now >= r.CheckInClosesAt => new(statusWords["no-show"].Value, "no-show", statusWords["not yet released"].Value),
        "confirmed" when _now > r.Start => new(statusWords["late"].Value, "late"),
        "confirmed" => new(statusWords["due"].Value, "due"),
        "checked-in" when r.Overdue => new(statusWords["overdue"].Value, "overdue"),
        "checked-in" => new(statusWords["checked in"].Value, "checked-in"),
        "pending" when r.OfferExpiresAt is not null => new(statusWords["offered"].Value, "offered", statusWords["from the waiting list"].Value),
        "pending" => new(statusWords["awaiting approval"].Value, "pending"),
        _ => StatusLabel.For(r, statusWords),
    };

    private Actor Actor => User.Actor();

    private async Task<IActionResult> ActAsync(
        Func<Task<Domain.Reservations.Reservation>> action, Func<Domain.Reservations.Reservation, TimeZoneInfo, string> done, Guid? locationId, string? date, CancellationToken ct)
    {
        try
        {
            var changed = await action();
            var zone = await (from r in db.Resources
                              join l in db.Locations on r.LocationId equals l.Id
                              where r.Id == changed.ResourceId
                              select l.TimeZoneId).FirstAsync(ct);
            TempData["Message"] = done(changed, TimeZoneInfo.FindSystemTimeZoneById(zone));
            return RedirectToPage(new { locationId, date });
        }
        catch (DomainException e)
        {
            Problem = e.Message;
            await LoadAsync(locationId, date, ct);
            return Page();
        }
    }

    private async Task LoadAsync(Guid? locationId, string? date, CancellationToken ct)
    {
        var branch = await DeskBranch.LoadAsync(db, locationId, clock, ct);
        if (branch is null)
        {
            return;
        }

        (Locations, LocationId, LocationName) = (branch.Branches, branch.Id, branch.Name);
        var now = branch.NowUtc;
        _now = new DateTimeOffset(now);
        Day = branch.Today;
        if (!string.IsNullOrWhiteSpace(date))
        {
            if (!Instants.TryParseDate(date, out var asked))
            {
                Problem = Instants.NotADate(date);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            Day = asked;
        }

        ClosedBecause = ClosedAllDay(branch.Branch, Day);
        var window = LocalCalendar.DayOf(Day, branch.Zone);
        var rows = await ReservationQueries.Rows(db)
            .Where(r => r.Resource.LocationId == branch.Id && r.Reservation.StartsAtUtc < window.End && r.Reservation.EndsAtUtc > window.Start)
            .OrderBy(r => r.Reservation.StartsAtUtc).ThenBy(r => r.Resource.Name)
            .ToListAsync(ct);
        // Overdue laptops from earlier days belong on today's board too.
        var overdue = await ReservationQueries.Rows(db)
            .Where(r => r.Resource.LocationId == branch.Id && r.Reservation.Status == Domain.Reservations.ReservationStatus.CheckedIn && r.Reservation.EndsAtUtc <= window.Start)
            .ToListAsync(ct);
        Board = overdue.Concat(rows).Select(r => ReservationQueries.ToView(r, now)).ToList();
        var patronIds = Board.Select(r => r.PatronId).Distinct().ToList();
        PatronNames = await db.Users.AsNoTracking().Where(u => patronIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? "?" : u.DisplayName, ct);
    }

    /// <summary>Closed all day: no opening hours that weekday, or closures covering every opening period.</summary>
    private string? ClosedAllDay(Location branch, DateOnly day)
    {
        var periods = branch.OpeningHours.Where(h => h.Day == day.DayOfWeek)
            .Select(h => (Opens: day.ToDateTime(h.Opens), Closes: h.Closes == TimeOnly.MinValue ? day.AddDays(1).ToDateTime(TimeOnly.MinValue) : day.ToDateTime(h.Closes)))
            .ToList();
        if (periods.Count == 0)
        {
            return words["{0} does not open on {1}s.", branch.Name, day.ToString("dddd")].Value;
        }

        var covering = periods.Select(p => branch.Closures.FirstOrDefault(c => c.StartsLocal <= p.Opens && c.EndsLocal >= p.Closes)).ToList();
        return covering.All(c => c is not null) ? words["{0} is closed that day: {1}.", branch.Name, covering[0]!.Reason].Value : null;
    }
}
