using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Partners;
using Booking.Web.Infrastructure;
using Booking.Workflows.Partners;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Partners;

/// <summary>Admins correct a partner organisation's details, say who is its staff, and what it may book for its clients.</summary>
[Authorize(Policy = MakerspaceApp.AdminPolicy)]
public sealed class PartnerModel(BookingDbContext db, PartnerStaffing staffing, IStringLocalizer<PartnerModel> words, IStringLocalizer<PartnerFields> fieldWords) : PageModel
{
    /// <summary>A partner staff account as the admin page lists it.</summary>
    public sealed record StaffRow(Guid Id, string? Email, string? DisplayName);

    /// <summary>A kind the partner may be allowed to book.</summary>
    public sealed record KindChoice(string Code, string Name);

    public PartnerOrganisation? Found { get; private set; }

    public IReadOnlyList<StaffRow> Staff { get; private set; } = [];

    public IReadOnlyList<KindChoice> Kinds { get; private set; } = [];

    /// <summary>Which form <see cref="Problem"/> belongs to: staff or limits.</summary>
    public string? ProblemFor { get; private set; }

    public string? Problem { get; private set; }

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
        await LoadStaffAndKindsAsync(id, ct);
        return Page();
    }

    public Task<IActionResult> OnPostAddStaffAsync(Guid id, string? staffEmail, CancellationToken ct) =>
        ActAsync(id, "staff", async () =>
        {
            var account = await staffing.AddStaffAsync(User.UserId(), id, staffEmail, ct);
            return $"{account.Email} is now partner staff of this organisation.";
        }, ct);

    public Task<IActionResult> OnPostRemoveStaffAsync(Guid id, Guid userId, CancellationToken ct) =>
        ActAsync(id, "staff", async () =>
        {
            await staffing.RemoveStaffAsync(User.UserId(), id, userId, ct);
            return "Removed from this organisation's staff.";
        }, ct);

    public Task<IActionResult> OnPostLimitsAsync(Guid id, string[]? kinds, int? maxHoursPerWeek, CancellationToken ct) =>
        ActAsync(id, "limits", async () =>
        {
            var problems = await staffing.SetLimitsAsync(User.UserId(), id, kinds, maxHoursPerWeek, ct);
            if (problems.Count > 0)
            {
                throw new DomainException(ErrorCodes.Validation, string.Join(" ", problems.Select(p => p.Message)));
            }

            return "Saved what this organisation may book for its clients.";
        }, ct);

    private async Task<IActionResult> ActAsync(Guid id, string form, Func<Task<string>> action, CancellationToken ct)
    {
        // The details form's fields are not posted with these forms.
        ModelState.Clear();
        try
        {
            TempData["Message"] = await action();
            return Redirect($"/admin/partners/{id}");
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            Found = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
            if (Found is null)
            {
                return NotFound();
            }

            Partner = new PartnerFields { Name = Found.Name, Description = Found.Description, Offers = Found.Offers, Website = Found.Website };
            (ProblemFor, Problem) = (form, e.Message);
            await LoadStaffAndKindsAsync(id, ct);
            var page = Page();
            page.StatusCode = e.Code == ErrorCodes.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
            return page;
        }
    }

    private async Task LoadStaffAndKindsAsync(Guid id, CancellationToken ct)
    {
        Staff = await db.Users.AsNoTracking().Where(u => u.PartnerId == id).OrderBy(u => u.Email)
            .Select(u => new StaffRow(u.Id, u.Email, u.DisplayName)).ToListAsync(ct);
        Kinds = await db.ResourceKinds.AsNoTracking().OrderBy(k => k.Name).Select(k => new KindChoice(k.Code, k.Name)).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        Found = await db.Partners.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (Found is null)
        {
            return NotFound();
        }

        await Partner.CheckAsync(db, ModelState, id, fieldWords, ct);
        if (!ModelState.IsValid)
        {
            await LoadStaffAndKindsAsync(id, ct);
            return Page();
        }

        Found.Revise(Partner.Name!, Partner.Description, Partner.Offers, Partner.Website);
        await db.SaveChangesAsync(ct);
        TempData["Message"] = words["Saved {0}.", Found.Name].Value;
        return RedirectToPage("/Partners/Partners");
    }
}
