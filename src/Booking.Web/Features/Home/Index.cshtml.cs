using Booking.Data;
using Booking.Web.Features.Resources;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Home;

/// <summary>The front page: every resource, grouped by kind.</summary>
public sealed class IndexModel(BookingDbContext db) : PageModel
{
    public sealed record KindGroup(string Code, string Name, IReadOnlyList<ResourceView> Resources);

    public IReadOnlyList<KindGroup> Kinds { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var rows = await ResourceQueries.Views(db).OrderBy(r => r.Resource.Name).ToListAsync(ct);
        Kinds = rows.Select(ResourceQueries.ToView)
            .GroupBy(v => (v.Kind, v.KindName))
            .OrderBy(g => g.Key.KindName)
            .Select(g => new KindGroup(g.Key.Kind, g.Key.KindName, g.ToList()))
            .ToList();
    }
}
