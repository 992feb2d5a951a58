using Booking.Data;
using Booking.Domain.Locations;
using Booking.Domain.Resources;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Reservations;

/// <summary>A resource with its branch and effective policy: what every booking action needs to know first.</summary>
public sealed record BookingSubject(Resource Resource, ResourceKind Kind, Location Location, BookingPolicy Policy)
{
    /// <summary>One query: the resource joined to its kind and its branch (with the branch's hours and closures).</summary>
    public static async Task<BookingSubject?> LoadAsync(BookingDbContext db, Guid resourceId, CancellationToken ct)
    {
        var row = await Load(db, resourceId, ct);
        return row is null
            ? null
            : new BookingSubject(row.Resource, row.Kind, row.Location, row.Resource.EffectivePolicy(row.Kind.DefaultPolicy));
    }

    // Compiled once: every booking starts here, and building and matching the LINQ tree each time cost more
    // than the query's own round trip.
    private static readonly Func<BookingDbContext, Guid, CancellationToken, Task<Row?>> Load = EF.CompileAsyncQuery(
        (BookingDbContext db, Guid resourceId, CancellationToken ct) => (
            from r in db.Resources.AsNoTracking()
            join k in db.ResourceKinds.AsNoTracking() on r.KindCode equals k.Code
            join l in db.Locations.AsNoTracking() on r.LocationId equals l.Id
            where r.Id == resourceId
            select new Row { Resource = r, Kind = k, Location = l }).FirstOrDefault());

    private sealed class Row
    {
        public required Resource Resource { get; init; }

        public required ResourceKind Kind { get; init; }

        public required Location Location { get; init; }
    }
}
