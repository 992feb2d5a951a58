using Booking.Data;
using Booking.Domain.Certifications;
using Booking.Web.Features.Shared;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Certifications;

/// <summary>Edits one certification definition: name, description, validity and prerequisites (grants already given are left as they are).</summary>
[Authorize(Policy = MakerspaceApp.AdminPolicy)]
public sealed class CertificationModel(BookingDbContext db, TimeProvider clock, IStringLocalizer<CertificationModel> words) : PageModel
{
    public CertificationDefinition Definition { get; private set; } = null!;

    /// <summary>The other definitions, offered as prerequisites.</summary>
    public IReadOnlyList<CertificationDefinition> Others { get; private set; } = [];

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public int? ValidityMonths { get; set; }

    [BindProperty]
    public List<Guid> PrerequisiteIds { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Name = Definition.Name;
        Description = Definition.Description;
        ValidityMonths = Definition.ValidityMonths;
        PrerequisiteIds = [.. Definition.PrerequisiteIds];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var errors = new FieldErrors();
            var input = new CertificationInput(Name, Description, ValidityMonths, [.. PrerequisiteIds]);
            if (await CertificationDefining.ChangeAsync(db, errors, Definition, input, User.UserId(), clock.GetUtcNow().UtcDateTime, ct))
            {
                TempData["Message"] = words["Saved {0}. Grants already given keep their expiry dates.", Definition.Name].Value;
                return Redirect("/admin/certifications");
            }

            errors.CopyTo(ModelState);
        }

        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var definition = await db.Certifications.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (definition is null)
        {
            return false;
        }

        Definition = definition;
        Others = await db.Certifications.AsNoTracking().Where(c => c.Id != id).OrderBy(c => c.Name).ToListAsync(ct);
        return true;
    }
}
