using Booking.Data;
using Booking.Domain.Partners;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Partners;

/// <summary>Admins list partner organisations and add one.</summary>
[Authorize(Policy = MakerspaceApp.AdminPolicy)]
public sealed class PartnersModel(BookingDbContext db, TimeProvider clock, IStringLocalizer<PartnersModel> words, IStringLocalizer<PartnerFields> fieldWords) : PageModel
{
    public IReadOnlyList<PartnerOrganisation> All { get; private set; } = [];

    [BindProperty]
    public PartnerFields Partner { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => All = await db.Partners.AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await Partner.CheckAsync(db, ModelState, null, fieldWords, ct);
        if (!ModelState.IsValid)
        {
            await OnGetAsync(ct);
            return Page();
        }

        var partner = new PartnerOrganisation(Partner.Name!, Partner.Description, Partner.Offers, Partner.Website, clock.GetUtcNow().UtcDateTime);
        db.Partners.Add(partner);
        await db.SaveChangesAsync(ct);
        TempData["Message"] = words["Added {0}. Staff can now choose it as the host of a session.", partner.Name].Value;
        return RedirectToPage();
    }
}
