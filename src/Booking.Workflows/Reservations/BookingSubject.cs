using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Locations;
using Booking.Domain.Resources;
using Microsoft.EntityFrameworkCore;

namespace Booking.Workflows.Reservations;

/// <summary>
/// A resource with its kind, branch and effective policy (per-resource overrides applied): what every booking
/// action needs to know first, and what a sweep's messages say about a resource.
/// </summary>
public sealed record BookingSubject(Resource Resource, ResourceKind Kind, Location Location, BookingPolicy Policy)
{
    /// <summary>The resource and a time in its branch's zone, e.g. "Laser cutter, Tue 3 Mar 14:00–15:00 (America/New_York)".</summary>
    public string Describe(UtcInterval interval) =>
        $"{Resource.Name}, {LocalCalendar.Describe(interval.Start, Location.TimeZone)}–{LocalCalendar.Clock(interval.End, Location.TimeZone)} ({Location.TimeZoneId})";

    /// <summary>Every resource by id, in three queries: a catalogue is hundreds of rows, far fewer than the reservations a sweep touches.</summary>
    public static async Task<Dictionary<Guid, BookingSubject>> LoadAllAsync(BookingDbContext db, CancellationToken ct)
    {
        var resources = await db.Resources.AsNoTracking().ToListAsync(ct);
        var kinds = await db.ResourceKinds.AsNoTracking().ToDictionaryAsync(k => k.Code, ct);
        var locations = await db.Locations.AsNoTracking().ToDictionaryAsync(l => l.Id, ct);
        return resources.ToDictionary(r => r.Id, r =>
        {
            var kind = kinds[r.KindCode];
            return new BookingSubject(r, kind, locations[r.LocationId], r.EffectivePolicy(kind.DefaultPolicy));
        });
    }

    /// <summary>One query: the resource joined to its kind and its branch (with the branch's hours and closures).</summary>
    public static async Task<BookingSubject?> LoadAsync(BookingDbContext db, Guid resourceId, CancellationToken ct) =>
        (await LoadStampedAsync(db, resourceId, ct)).Subject;

    /// <summary>As <see cref="LoadAsync"/>, with the catalogue's stamp read in the same query (see <see cref="BookingSubjects"/>).</summary>
    public static async Task<(BookingSubject? Subject, string? Stamp)> LoadStampedAsync(BookingDbContext db, Guid resourceId, CancellationToken ct)
    {
        var row = await Load(db, resourceId, ct);
        return row is null
            ? (null, null)
            : (new BookingSubject(row.Resource, row.Kind, row.Location, row.Resource.EffectivePolicy(row.Kind.DefaultPolicy)), row.Stamp);
    }

    // Compiled once: every booking starts here, and building and matching the LINQ tree each time cost more
    // than the query's own round trip.
    private static readonly Func<BookingDbContext, Guid, CancellationToken, Task<Row?>> Load = EF.CompileAsyncQuery(
        (BookingDbContext db, Guid resourceId, CancellationToken ct) => (
            from r in db.Resources.AsNoTracking()
            join k in db.ResourceKinds.AsNoTracking() on r.KindCode equals k.Code
            join l in db.Locations.AsNoTracking() on r.LocationId equals l.Id
            where r.Id == resourceId
            select new Row { Resource = r, Kind = k, Location = l, Stamp = db.CatalogueVersions.Select(v => v.Stamp).FirstOrDefault() }).FirstOrDefault());

    private sealed class Row
    {
        public required Resource Resource { get; init; }

        public required ResourceKind Kind { get; init; }

        public required Location Location { get; init; }

        public string? Stamp { get; init; }
    }
}
