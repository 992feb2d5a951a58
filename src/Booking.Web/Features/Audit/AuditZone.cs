using Booking.Data;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Audit;

/// <summary>The zone audit times are shown in: the first branch's (by name), UTC before any branch exists.</summary>
public static class AuditZone
{
    public static async Task<TimeZoneInfo> LoadAsync(BookingDbContext db, CancellationToken ct)
    {
        var zoneId = await db.Locations.AsNoTracking().OrderBy(l => l.Name).Select(l => l.TimeZoneId).FirstOrDefaultAsync(ct);
        return zoneId is null ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(zoneId);
    }
}
