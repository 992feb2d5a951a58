using System.Globalization;
using Booking.Data;
using Booking.Web.Features.Reservations;
using Booking.Web.Infrastructure;
using Booking.Workflows.Partners;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Partners;

/// <summary>
/// The printable confirmation of a client's reservation, for partner staff to hand over: the desk's paper
/// (<c>_ConfirmationSheet</c>), its QR code opening the desk's page where staff check the client in. Only the
/// organisation's own clients' reservations; any other is a 404.
/// </summary>
[Authorize(Policy = MakerspaceApp.PartnerPolicy)]
[PrintLanguage]
public sealed class ClientConfirmationModel(BookingDbContext db, PartnerDesk desk, PublicAddress address) : PageModel, IPrinted
{
    public ConfirmationSheet Sheet { get; private set; } = null!;

    /// <summary>The client's saved language, or the one partner staff chose with <c>?lang=</c>.</summary>
    public CultureInfo PrintCulture { get; private set; } = CultureInfo.CurrentUICulture;

    public async Task<IActionResult> OnGetAsync(Guid id, string? lang, CancellationToken ct)
    {
        if (await desk.PartnerOfAsync(User.UserId(), ct) is not { } partnerId)
        {
            return Forbid();
        }

        var patronId = await db.Reservations.AsNoTracking().Where(r => r.Id == id).Select(r => (Guid?)r.PatronId).FirstOrDefaultAsync(ct);
        if (patronId is not { } client || !await desk.IsClientAsync(partnerId, client, ct))
        {
            return NotFound();
        }

        Sheet = (await ConfirmationSheet.LoadAsync(db, id, address.Link(Request, ConfirmationSheet.CheckInPath(id)), ct))!;
        PrintCulture = Sheet.PrintCulture(lang);
        return Page();
    }
}
