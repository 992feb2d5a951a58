using System.Globalization;
using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Web.Features.Reservations;
using Booking.Web.Infrastructure;
using Booking.Workflows.Reservations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Resources;

/// <summary>Self check-in from the QR sign: the signed-in patron's reservation of this resource whose check-in window is open.</summary>
[Authorize]
public sealed class CheckInModel(BookingDbContext db, ReservationActions actions, TimeProvider clock, IStringLocalizer<CheckInModel> words) : PageModel
{
    public string Name { get; private set; } = "";

    public ReservationView? Due { get; private set; }

    public string Explanation { get; private set; } = "";

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, Guid reservationId, CancellationToken ct)
    {
        try
        {
            await actions.CheckInAsync(User.Actor(), reservationId, ct);
            TempData["Message"] = words["Checked in. Enjoy!"].Value;
            return Redirect("/reservations/mine");
        }
        catch (DomainException e)
        {
            Problem = e.Message;
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var subject = await BookingSubject.LoadAsync(db, id, ct);
        if (subject is null)
        {
            return false;
        }

        Name = subject.Resource.Name;
        var me = User.UserId();
        var now = clock.GetUtcNow().UtcDateTime;
        var dayAround = new UtcInterval(now.AddDays(-1), now.AddDays(1));
        var mine = await ReservationQueries.Rows(db)
            .Where(r => r.Reservation.ResourceId == id && r.Reservation.PatronId == me
                && r.Reservation.Status == ReservationStatus.Confirmed
                && r.Reservation.StartsAtUtc < dayAround.End && r.Reservation.EndsAtUtc > dayAround.Start)
            .OrderBy(r => r.Reservation.StartsAtUtc)
            .ToListAsync(ct);
        var views = mine.Select(r => ReservationQueries.ToView(r, now)).ToList();
        var nowOffset = clock.GetUtcNow();
        Due = views.FirstOrDefault(v => nowOffset >= v.CheckInOpensAt && nowOffset < v.CheckInClosesAt);
        var next = views.FirstOrDefault(v => nowOffset < v.CheckInOpensAt);
        Explanation = next is not null
            ? words["Check-in for your reservation at {0} opens on {1} at {2}. Come back then.", Dates.Time(next.Start),
                Dates.ShortDay(next.CheckInOpensAt), Dates.Time(next.CheckInOpensAt)]
            : words["You have no reservation of {0} to check in to right now. Book it first, or ask staff at the desk.", Name];
        return true;
    }
}
