using Booking.Data;
using Booking.Domain.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Resources;

/// <summary>The kinds of resources and the default policy each one's resources follow.</summary>
[Authorize(Policy = MakerspaceApp.AdminPolicy)]
public sealed class KindsModel(BookingDbContext db) : PageModel
{
    public IReadOnlyList<ResourceKind> Kinds { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Kinds = await db.ResourceKinds.AsNoTracking().OrderBy(k => k.Name).ToListAsync(ct);
}
