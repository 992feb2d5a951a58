using Booking.Data;
using Booking.Domain.Partners;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Partners;

/// <summary>Admins correct a partner organisation's details.</summary>
[Authorize(Policy = MakerspaceApp.AdminPolicy)]
public sealed class PartnerModel(BookingDbContext db, IStringLocalizer<PartnerModel> words) : PageModel
{
    public PartnerOrganisation? Found { get; private set; }

    [BindProperty]
    public PartnerFields Partner { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Found = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (Found is null)
        {
            return NotFound();
        }

        Partner = new PartnerFields { Name = Found.Name, Description = Found.Description, Offers = Found.Offers, Website = Found.Website };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        Found = await db.Partners.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (Found is null)
        {
            return NotFound();
        }

        await Partner.CheckAsync(db, ModelState, id, ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        Found.Revise(Partner.Name!, Partner.Description, Partner.Offers, Partner.Website);
        await db.SaveChangesAsync(ct);
        TempData["Message"] = words["Saved {0}.", Found.Name].Value;
        return RedirectToPage("/Partners/Partners");
    }
}
