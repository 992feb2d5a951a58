using Booking.Data;
using Booking.Domain.Locations;
using Booking.Domain.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Resources;

/// <summary>Every resource, filtered by branch and kind, with links to add and change them.</summary>
[Authorize(Policy = MakerspaceApp.AdminPolicy)]
public sealed class ResourcesModel(BookingDbContext db) : PageModel
{
    public IReadOnlyList<Location> Locations { get; private set; } = [];

    public IReadOnlyList<ResourceKind> Kinds { get; private set; } = [];

    public IReadOnlyList<ResourceView> Resources { get; private set; } = [];

    public Guid? LocationId { get; private set; }

    public string? Kind { get; private set; }

    public async Task OnGetAsync(Guid? locationId, string? kind, CancellationToken ct)
    {
        Locations = await db.Locations.AsNoTracking().OrderBy(l => l.Name).ToListAsync(ct);
        Kinds = await db.ResourceKinds.AsNoTracking().OrderBy(k => k.Name).ToListAsync(ct);
        LocationId = locationId;
        Kind = string.IsNullOrEmpty(kind) ? null : kind;
        var query = ResourceQueries.Views(db);
        if (LocationId is { } l)
        {
            query = query.Where(r => r.Resource.LocationId == l);
        }

        if (Kind is { } k)
        {
            query = query.Where(r => r.Resource.KindCode == k);
        }

        var rows = await query.OrderBy(r => r.LocationName).ThenBy(r => r.Kind.Name).ThenBy(r => r.Resource.Name).ToListAsync(ct);
        Resources = rows.Select(ResourceQueries.ToView).ToList();
    }
}
