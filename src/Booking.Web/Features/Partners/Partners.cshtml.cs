using Booking.Data;
using Booking.Domain.Partners;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Partners;

/// <summary>Admins list partner organisations and add one.</summary>
[Authorize(Policy = MakerspaceApp.AdminPolicy)]
public sealed class PartnersModel(BookingDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<PartnerOrganisation> All { get; private set; } = [];

    [BindProperty]
    public PartnerFields Partner { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => All = await db.Partners.AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await Partner.CheckAsync(db, ModelState, null, ct);
        if (!ModelState.IsValid)
        {
            await OnGetAsync(ct);
            return Page();
        }

        var partner = new PartnerOrganisation(Partner.Name!, Partner.Description, Partner.Offers, Partner.Website, clock.GetUtcNow().UtcDateTime);
        db.Partners.Add(partner);
        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"Added {partner.Name}. Staff can now choose it as the host of a session.";
        return RedirectToPage();
    }
}
