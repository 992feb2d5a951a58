using Booking.Data;
using Booking.Domain.Locations;
using Booking.Domain.Resources;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Reservations;

/// <summary>A resource with its branch and effective policy: what every booking action needs to know first.</summary>
public sealed record BookingSubject(Resource Resource, ResourceKind Kind, Location Location, BookingPolicy Policy)
{
    public static async Task<BookingSubject?> LoadAsync(BookingDbContext db, Guid resourceId, CancellationToken ct)
    {
        var row = await (
            from r in db.Resources.AsNoTracking()
            join k in db.ResourceKinds.AsNoTracking() on r.KindCode equals k.Code
            where r.Id == resourceId
            select new { Resource = r, Kind = k }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var location = await db.Locations.AsNoTracking().FirstAsync(l => l.Id == row.Resource.LocationId, ct);
        return new BookingSubject(row.Resource, row.Kind, location, row.Resource.EffectivePolicy(row.Kind.DefaultPolicy));
    }
}
