using Booking.Data;
using Booking.Domain.Partners;
using Booking.Web.Features.Sessions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Partners;

/// <summary>Public: the partner organisations and the sessions each hosts soon. No personal data: no staff, no registrants.</summary>
public sealed class IndexModel(BookingDbContext db, TimeProvider clock) : PageModel
{
    public const int DaysAhead = 90;

    public IReadOnlyList<PartnerOrganisation> All { get; private set; } = [];

    public ILookup<Guid, SessionView> Upcoming { get; private set; } = Array.Empty<SessionView>().ToLookup(s => s.Id);

    public async Task OnGetAsync(CancellationToken ct)
    {
        All = await db.Partners.AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now.AddDays(DaysAhead);
        var ids = await db.Sessions.AsNoTracking()
            .Where(s => s.PartnerId != null && s.CancelledAtUtc == null && s.StartsAtUtc > now && s.StartsAtUtc < until)
            .OrderBy(s => s.StartsAtUtc).Take(500).Select(s => s.Id).ToListAsync(ct);
        Upcoming = (await SessionsApi.ViewsAsync(db, ids, ct)).ToLookup(s => s.Host.Id);
    }
}
