using System.Globalization;
using Booking.Data;
using Booking.Domain.Common;
using Booking.Web.Infrastructure;
using Booking.Workflows.Reservations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Reservations;

/// <summary>
/// A reservation's printable confirmation, for staff to hand to a patron who gets no e-mail (or wants paper): the
/// resource, the branch, the time in the branch's zone, what to remember, and a QR code that opens this page at the
/// desk, where staff check the patron in with one button. The card number is masked: the paper leaves the library.
/// It is printed in the patron's saved language (staff may choose another with <c>?lang=</c>), not the staff member's.
/// </summary>
[Authorize(Policy = MakerspaceApp.StaffPolicy)]
[PrintLanguage]
public sealed class ConfirmationModel(BookingDbContext db, ReservationActions actions, PublicAddress address, IStringLocalizer<ConfirmationModel> words) : PageModel, IPrinted
{
    public Guid Id { get; private set; }

    /// <summary>The printed paper (also the partner desk's).</summary>
    public ConfirmationSheet Sheet { get; private set; } = null!;

    /// <summary>Why a check-in from this page did not happen, in the workflow's words.</summary>
    public string? Problem { get; private set; }

    /// <summary>The language the page is printed in: the staff member's choice, else the patron's saved one, else the request's.</summary>
    public CultureInfo PrintCulture { get; private set; } = CultureInfo.CurrentUICulture;

    public async Task<IActionResult> OnGetAsync(Guid id, string? lang, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        // Only a supported language: anything else in ?lang= is ignored, like an unknown Accept-Language.
        PrintCulture = Sheet.PrintCulture(lang);

        return Page();
    }

    /// <summary>Staff check the patron in (the QR code brings them here); a laptop's hand-over too, as on the board.</summary>
    public async Task<IActionResult> OnPostCheckInAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await actions.CheckInAsync(User.Actor(), id, ct);
            TempData["Message"] = words["Checked in."].Value;
            return Redirect($"/desk/reservations/{id}/confirmation");
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            if (e.Code == ErrorCodes.NotFound)
            {
                return NotFound();
            }

            Problem = e.Message;
            if (!await LoadAsync(id, ct))
            {
                return NotFound();
            }

            var page = Page();
            page.StatusCode = e.Code == ErrorCodes.InvalidState ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
            return page;
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await ConfirmationSheet.LoadAsync(db, id, address.Link(Request, ConfirmationSheet.CheckInPath(id)), ct) is not { } sheet)
        {
            return false;
        }

        Id = id;
        Sheet = sheet;
        return true;
    }
}
