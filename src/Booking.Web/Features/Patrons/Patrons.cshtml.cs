using Booking.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Booking.Web.Features.Patrons;

/// <summary>Find a patron by part of their e-mail or name, to certify them or book for them.</summary>
[Authorize(Policy = MakerspaceApp.StaffPolicy)]
public sealed class PatronsModel(BookingDbContext db) : PageModel
{
    public string? Query { get; private set; }

    public IReadOnlyList<PatronView>? Found { get; private set; }

    public async Task OnGetAsync(string? q, CancellationToken ct)
    {
        Query = q?.Trim();
        if (!string.IsNullOrEmpty(Query))
        {
            Found = await PatronSearch.ByEmailOrNameAsync(db, Query, ct);
        }
    }
}
