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

/// <summary>
/// Certification definitions and a form to add one (each is edited on its own page); which resources
/// require it is set on each resource.
/// </summary>
[Authorize(Policy = MakerspaceApp.AdminPolicy)]
public sealed class CertificationsModel(BookingDbContext db, TimeProvider clock, IStringLocalizer<CertificationsModel> words) : PageModel
{
    /// <summary>A definition with its prerequisites' names (null for one since removed) and the resources requiring it.</summary>
    public sealed record Row(CertificationDefinition Definition, IReadOnlyList<string?> Prerequisites, IReadOnlyList<string> RequiredBy);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public int? ValidityMonths { get; set; }

    [BindProperty]
    public List<Guid> PrerequisiteIds { get; set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var errors = new FieldErrors();
            var definition = await CertificationDefining.DefineAsync(
                db, errors, new CertificationInput(Name, Description, ValidityMonths, [.. PrerequisiteIds]), User.UserId(), clock.GetUtcNow().UtcDateTime, ct);
            if (definition is not null)
            {
                TempData["Message"] = words["Added {0}. Require it on a resource's page.", definition.Name].Value;
                return Redirect("/admin/certifications");
            }

            errors.CopyTo(ModelState);
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var definitions = await db.Certifications.AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct);
        var names = definitions.ToDictionary(d => d.Id, d => d.Name);
        // Few resources require certifications: one query for all of them, matched in memory.
        var requiring = await db.Resources.AsNoTracking()
            .Where(r => r.RequiredCertificationIds.Length > 0)
            .OrderBy(r => r.Name)
            .Select(r => new { r.Name, r.RequiredCertificationIds })
            .ToListAsync(ct);
        Rows = definitions.Select(d => new Row(
            d,
            d.PrerequisiteIds.Select(p => names.GetValueOrDefault(p)).ToList(),
            requiring.Where(r => r.RequiredCertificationIds.Contains(d.Id)).Select(r => r.Name).ToList())).ToList();
    }
}
