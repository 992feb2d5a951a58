using Booking.Data;
using Booking.Domain.Resources;
using Booking.Web.Features.Shared;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Resources;

/// <summary>Changes a kind's default policy, with the same checks as <c>PUT /api/v1/kinds/{code}/policy</c>.</summary>
[Authorize(Policy = MakerspaceApp.AdminPolicy)]
public sealed class KindModel(BookingDbContext db, IStringLocalizer<KindModel> words) : PageModel
{
    public ResourceKind Kind { get; private set; } = null!;

    [BindProperty]
    public PolicyForm Policy { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct))
        {
            return NotFound();
        }

        Policy = PolicyForm.From(Kind.DefaultPolicy);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page(); // a number the binder could not read: its message is beside the field
        }

        var errors = new FieldErrors();
        var policy = Policy.ToInput().Read(errors, "policy");
        if (policy is null)
        {
            errors.CopyTo(ModelState);
            return Page();
        }

        if (await KindPolicies.UnusableOverrideAsync(db, code, policy, ct) is { } problem)
        {
            ModelState.AddModelError(nameof(Policy), problem);
            return Page();
        }

        Kind.ChangePolicy(policy);
        await db.SaveChangesAsync(ct);
        TempData["Message"] = words["Saved the default policy of {0}.", Kind.Name].Value;
        return Redirect("/admin/kinds");
    }

    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        var kind = await db.ResourceKinds.FirstOrDefaultAsync(k => k.Code == code, ct);
        if (kind is null)
        {
            return false;
        }

        Kind = kind;
        return true;
    }
}
