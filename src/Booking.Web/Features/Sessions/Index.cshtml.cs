using Booking.Data;
using Booking.Domain.Sessions;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Sessions;

/// <summary>Upcoming trainings, networking and workshops, in the branch's local time, with places left and the patron's own status.</summary>
public sealed class IndexModel(BookingDbContext db, TimeProvider clock) : PageModel
{
    public const int DaysAhead = 90;

    /// <summary>Only <c>training</c>, <c>networking</c> or <c>workshop</c>; anything else lists every kind.</summary>
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    public IReadOnlyList<SessionView> Sessions { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> Locations { get; private set; } = new Dictionary<Guid, string>();

    public IReadOnlyDictionary<Guid, string> MyStatus { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>The sessions whose waiting list the patron is on (shown calmer than a place held).</summary>
    public IReadOnlySet<Guid> Waiting { get; private set; } = new HashSet<Guid>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now.AddDays(DaysAhead);
        var query = db.Sessions.AsNoTracking().Where(s => s.EndsAtUtc > now && s.StartsAtUtc < until && s.CancelledAtUtc == null);
        if (SessionCodes.TryParseKind(Kind, out var kind))
        {
            query = query.Where(s => s.Kind == kind);
        }
        else
        {
            Kind = null;
        }

        var ids = await query.OrderBy(s => s.StartsAtUtc).Take(200).Select(s => s.Id).ToListAsync(ct);
        Sessions = await SessionsApi.ViewsAsync(db, ids, ct);
        var locationIds = Sessions.Select(s => s.LocationId).Distinct().ToList();
        Locations = await db.Locations.AsNoTracking().Where(l => locationIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        if (User.Identity?.IsAuthenticated == true)
        {
            var me = User.UserId();
            var mine = await db.SessionRegistrations.AsNoTracking()
                .Where(r => r.PatronId == me && ids.Contains(r.SessionId) && (r.Status == RegistrationStatus.Registered || r.Status == RegistrationStatus.Waitlisted))
                .Select(r => new { r.SessionId, r.Status }).ToListAsync(ct);
            MyStatus = mine.ToDictionary(r => r.SessionId, r => SessionWords.Mine(r.Status.ToCode(), null) ?? "");
            Waiting = mine.Where(r => r.Status == RegistrationStatus.Waitlisted).Select(r => r.SessionId).ToHashSet();
        }
    }
}
