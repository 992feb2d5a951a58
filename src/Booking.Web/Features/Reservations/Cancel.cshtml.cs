using Booking.Data;
using Booking.Domain.Common;
using Booking.Web.Infrastructure;
using Booking.Workflows.Reservations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Reservations;

/// <summary>
/// Cancelling one of the patron's own reservations, confirmed first and without script: GET shows what will be
/// cancelled, POST cancels. Someone else's reservation (or an unknown id) is not found, as in the API.
/// </summary>
[Authorize]
public sealed class CancelModel(BookingDbContext db, ReservationActions actions, TimeProvider clock, IStringLocalizer<CancelModel> words) : PageModel
{
    public ReservationView Reservation { get; private set; } = null!;

    public bool CanCancel { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        try
        {
            await actions.CancelAsync(User.Actor(), id, null, ct);
            TempData["Message"] = words["Cancelled."].Value;
            return Redirect("/reservations/mine");
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            Problem = e.Message;
            await LoadAsync(id, ct);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var me = User.UserId();
        var row = await ReservationQueries.Rows(db).FirstOrDefaultAsync(r => r.Reservation.Id == id && r.Reservation.PatronId == me, ct);
        if (row is null)
        {
            return false;
        }

        Reservation = ReservationQueries.ToView(row, clock.GetUtcNow().UtcDateTime);
        CanCancel = Reservation.Status is "confirmed" or "pending";
        return true;
    }
}
