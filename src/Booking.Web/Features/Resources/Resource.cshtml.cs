using Booking.Data;
using Booking.Domain.Certifications;
using Booking.Domain.Locations;
using Booking.Domain.Resources;
using Booking.Web.Features.Shared;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Resources;

/// <summary>Adds a resource (<c>/admin/resources/new</c>) or changes one: details, required certifications, policy overrides, service status.</summary>
[Authorize(Policy = MakerspaceApp.AdminPolicy)]
public sealed class ResourceModel(BookingDbContext db, IStringLocalizer<ResourceModel> words) : PageModel
{
    public Resource? Existing { get; private set; }

    /// <summary>The existing resource's photo (no bytes), or null.</summary>
    public PhotoSummary? Photo { get; private set; }

    public IReadOnlyList<Location> Locations { get; private set; } = [];

    public IReadOnlyList<ResourceKind> Kinds { get; private set; } = [];

    public IReadOnlyList<CertificationDefinition> Certifications { get; private set; } = [];

    /// <summary>The chosen kind's default policy, shown beside each override field.</summary>
    public BookingPolicy? KindDefaults { get; private set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public Guid? LocationId { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public int? Capacity { get; set; }

    [BindProperty]
    public List<Guid> RequiredCertificationIds { get; set; } = [];

    [BindProperty]
    public PolicyForm Policy { get; set; } = new();

    [BindProperty]
    public string? OutOfServiceReason { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, Guid? locationId, string? kind, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (Existing is null)
        {
            LocationId = locationId;
            Kind = kind;
            Capacity = 1;
        }
        else
        {
            ShowStored(Existing);
        }

        KindDefaults = Kinds.FirstOrDefault(k => k.Code == Kind)?.DefaultPolicy;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        KindDefaults = Kinds.FirstOrDefault(k => k.Code == Kind)?.DefaultPolicy;
        var errors = new FieldErrors();
        var input = new ResourceInput(Name, Kind, LocationId, Description, Capacity, Policy.ToOverride(), [.. RequiredCertificationIds]);
        var valid = await ResourceSetup.ReadAsync(errors, input, db, ct);
        errors.CopyTo(ModelState);
        // A number the binder could not read ("ten") is already in ModelState: refused too, never taken as "keep the kind's value".
        if (valid is null || !ModelState.IsValid)
        {
            return Page();
        }

        Guid resourceId;
        if (Existing is null)
        {
            var resource = valid.Create();
            db.Resources.Add(resource);
            resourceId = resource.Id;
        }
        else
        {
            valid.ApplyTo(Existing);
            resourceId = Existing.Id;
        }

        await db.SaveChangesAsync(ct);
        TempData["Message"] = (Existing is null ? words["Added {0}.", valid.Name] : words["Saved {0}.", valid.Name]).Value;
        return Redirect($"/admin/resources/{resourceId}");
    }

    public async Task<IActionResult> OnPostOutOfServiceAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || Existing is null)
        {
            return NotFound();
        }

        var errors = new FieldErrors();
        var reason = errors.Required("reason", OutOfServiceReason, ResourceSetup.OutOfServiceReasonLength);
        if (reason is null)
        {
            errors.CopyTo(ModelState, _ => nameof(OutOfServiceReason));
            ShowStored(Existing);
            return Page();
        }

        Existing.TakeOutOfService(reason);
        await db.SaveChangesAsync(ct);
        TempData["Message"] = words["{0} is out of service. Patrons see why and cannot book it.", Existing.Name].Value;
        return Redirect($"/admin/resources/{Existing.Id}");
    }

    public async Task<IActionResult> OnPostReturnToServiceAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || Existing is null)
        {
            return NotFound();
        }

        Existing.ReturnToService();
        await db.SaveChangesAsync(ct);
        TempData["Message"] = words["{0} is back in service.", Existing.Name].Value;
        return Redirect($"/admin/resources/{Existing.Id}");
    }

    private void ShowStored(Resource resource)
    {
        Name = resource.Name;
        Kind = resource.KindCode;
        LocationId = resource.LocationId;
        Description = resource.Description;
        Capacity = resource.Capacity;
        RequiredCertificationIds = [.. resource.RequiredCertificationIds];
        Policy = PolicyForm.From(resource.PolicyOverride);
        KindDefaults = Kinds.FirstOrDefault(k => k.Code == Kind)?.DefaultPolicy;
    }

    /// <summary>False for an id that is neither "new" nor a resource.</summary>
    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        if (id != "new")
        {
            if (!Guid.TryParse(id, out var resourceId))
            {
                return false;
            }

            Existing = await db.Resources.FirstOrDefaultAsync(r => r.Id == resourceId, ct);
            if (Existing is null)
            {
                return false;
            }

            Photo = await PhotoSummary.Query(db).FirstOrDefaultAsync(p => p.ResourceId == resourceId, ct);
        }

        Locations = await db.Locations.AsNoTracking().OrderBy(l => l.Name).ToListAsync(ct);
        Kinds = await db.ResourceKinds.AsNoTracking().OrderBy(k => k.Name).ToListAsync(ct);
        Certifications = await db.Certifications.AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct);
        return true;
    }
}
