using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Locations;
using Booking.Web.Features.Shared;
using Booking.Web.Infrastructure;
using Booking.Workflows.Reservations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Reservations;

/// <summary>Today's board at a branch: who is due, checked in, late or overdue, with the desk's actions.</summary>
[Authorize(Policy = MakerspaceApp.StaffPolicy)]
public sealed class BoardModel(BookingDbContext db, ReservationActions actions, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Location> Locations { get; private set; } = [];

    public Guid LocationId { get; private set; }

    public string LocationName { get; private set; } = "";

    public DateOnly Day { get; private set; }

    public IReadOnlyList<ReservationView> Board { get; private set; } = [];

    public string? Problem { get; private set; }

    private DateTimeOffset _now;

    public async Task OnGetAsync(Guid? locationId, string? date, CancellationToken ct) => await LoadAsync(locationId, date, ct);

    public Task<IActionResult> OnPostApproveAsync(Guid id, Guid? locationId, string? date, CancellationToken ct) =>
        ActAsync(() => actions.ApproveAsync(Actor, id, ct), "Approved.", locationId, date, ct);

    public Task<IActionResult> OnPostCheckInAsync(Guid id, Guid? locationId, string? date, CancellationToken ct) =>
        ActAsync(() => actions.CheckInAsync(Actor, id, ct), "Checked in.", locationId, date, ct);

    public Task<IActionResult> OnPostCompleteAsync(Guid id, Guid? locationId, string? date, CancellationToken ct) =>
        ActAsync(() => actions.CompleteAsync(Actor, id, ct), "Completed.", locationId, date, ct);

    /// <summary>In words: due, late, checked in, overdue (never by colour alone).</summary>
    public string StatusFor(ReservationView r) => r.Status switch
    {
        "confirmed" when _now >= r.CheckInClosesAt => "no-show (not yet released)",
        "confirmed" when _now > r.Start => "late",
        "confirmed" => "due",
        "checked-in" when r.Overdue => "overdue",
        "checked-in" => "checked in",
        "pending" when r.OfferExpiresAt is not null => "offered from waiting list",
        "pending" => "awaiting approval",
        _ => r.Status,
    };

    private Actor Actor => User.Actor();

    private async Task<IActionResult> ActAsync(Func<Task<Domain.Reservations.Reservation>> action, string done, Guid? locationId, string? date, CancellationToken ct)
    {
        try
        {
            await action();
            TempData["Message"] = done;
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
    }
}
