using Booking.Data;
using Booking.Domain.Locations;
using Booking.Web.Features.Shared;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Locations;

/// <summary>The branches, and a form to add one (hours and closures are set on the branch's own page).</summary>
[Authorize(Policy = MakerspaceApp.AdminPolicy)]
public sealed class LocationsModel(BookingDbContext db, TimeProvider clock, IStringLocalizer<LocationsModel> words) : PageModel, ILocationFields
{
    public IReadOnlyList<Location> Locations { get; private set; } = [];

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Address { get; set; }

    [BindProperty]
    public string? TimeZone { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A new branch is most often where the server is; a UTC or unknown server zone preselects nothing.
        TimeZone = TimeZones.Suggested(clock.LocalTimeZone);
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (name, address, zone) = LocationSetup.ReadDetails(errors, Name, Address, TimeZone);
        if (errors.Any)
        {
            errors.CopyTo(ModelState);
            await LoadAsync(ct);
            return Page();
        }

        var location = new Location(name!, zone!, address);
        db.Locations.Add(location);
        await db.SaveChangesAsync(ct);
        TempData["Message"] = words["Added {0}. Now set its opening hours.", location.Name].Value;
        return Redirect($"/admin/locations/{location.Id}");
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Locations = await db.Locations.AsNoTracking().OrderBy(l => l.Name).ToListAsync(ct);
}
