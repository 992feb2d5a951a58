using Booking.Data;
using Booking.Web.Features.Reservations;
using Booking.Web.Features.Resources;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Home;

/// <summary>The front page: every resource, grouped by kind, and the next few sessions.</summary>
public sealed class IndexModel(BookingDbContext db, TimeProvider clock) : PageModel
{
    public sealed record KindGroup(string Code, string Name, IReadOnlyList<ResourceView> Resources);

    public sealed record UpcomingSession(Guid Id, string Title, DateTimeOffset Start);

    public IReadOnlyList<KindGroup> Kinds { get; private set; } = [];

    public IReadOnlyList<UpcomingSession> Sessions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var rows = await ResourceQueries.Views(db).OrderBy(r => r.Resource.Name).ToListAsync(ct);
        Kinds = rows.Select(ResourceQueries.ToView)
            .GroupBy(v => (v.Kind, v.KindName))
            .OrderBy(g => g.Key.KindName)
            .Select(g => new KindGroup(g.Key.Kind, g.Key.KindName, g.ToList()))
            .ToList();

        var now = clock.GetUtcNow().UtcDateTime;
        var sessions = await (
            from s in db.Sessions.AsNoTracking()
            join l in db.Locations.AsNoTracking() on s.LocationId equals l.Id
            where s.StartsAtUtc > now && s.CancelledAtUtc == null
            orderby s.StartsAtUtc
            select new { s.Id, s.Title, s.StartsAtUtc, l.TimeZoneId }).Take(3).ToListAsync(ct);
        Sessions = sessions.Select(s => new UpcomingSession(s.Id, s.Title, ReservationQueries.Local(s.StartsAtUtc, TimeZoneInfo.FindSystemTimeZoneById(s.TimeZoneId)))).ToList();
    }
}
