using Booking.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Kiosk;

/// <summary>Where a kiosk account starts: the branches, each opening its self check-in page (the tablet is then pinned to it).</summary>
[Authorize(Policy = MakerspaceApp.KioskPolicy)]
public sealed class BranchesModel(BookingDbContext db) : PageModel
{
    public IReadOnlyList<(Guid Id, string Name)> Branches { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Branches = (await db.Locations.AsNoTracking().OrderBy(l => l.Name).Select(l => new { l.Id, l.Name }).ToListAsync(ct)).Select(l => (l.Id, l.Name)).ToList();
}
