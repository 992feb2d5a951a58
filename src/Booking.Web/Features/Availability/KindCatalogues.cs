using System.Collections.Concurrent;
using Booking.Data;
using Booking.Domain.Locations;
using Booking.Web.Features.Resources;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Availability;

/// <summary>
/// This node's copy of the resources of a kind (optionally at one branch) with their branches, for availability. A
/// request that finds a copy reads only the busy time, with the catalogue's stamp in the same statement; when the
/// stamp moved on (a resource, kind, branch, its hours or closures changed on any node), the copy is read again and
/// the busy time with it before anything is answered, as <see cref="Workflows.Reservations.BookingSubjects"/> does for
/// bookings. Entries are shared between requests: nothing may change them.
/// </summary>
public sealed class KindCatalogues
{
    /// <summary>Kinds times branches, plus the kind-less search: past this many (ids that came and went) the copy starts again.</summary>
    private const int MostKept = 1_000;

    private readonly ConcurrentDictionary<(string Kind, Guid? LocationId), Copy> _kept = new();

    /// <summary>The resources, ordered by name; their branches by id; the stamp they were read under.</summary>
    public sealed record Copy(IReadOnlyList<ResourceQueries.Row> Candidates, IReadOnlyDictionary<Guid, Location> Locations, string? Stamp);

    public Copy? Find(string? kind, Guid? locationId) => _kept.GetValueOrDefault((kind ?? "", locationId));

    /// <summary>
    /// Reads the resources and their branches now and keeps them (not when there are none: an unknown kind is not kept).
    /// The stamp comes with the resources, so a change saved between the two reads leaves the copy older than the
    /// stamp, and the next request reads it again; never the other way round.
    /// </summary>
    public async Task<Copy> ReadAsync(BookingDbContext db, string? kind, Guid? locationId, CancellationToken ct)
    {
        var query = ResourceQueries.Views(db);
        if (!string.IsNullOrEmpty(kind))
        {
            query = query.Where(r => r.Resource.KindCode == kind);
        }

        if (locationId is { } loc)
        {
            query = query.Where(r => r.Resource.LocationId == loc);
        }

        var rows = await query.OrderBy(r => r.Resource.Name)
            .Select(r => new { r.Resource, r.Kind, r.LocationName, Stamp = db.CatalogueVersions.Select(v => v.Stamp).FirstOrDefault() })
            .ToListAsync(ct);
        if (rows.Count == 0)
        {
            _kept.TryRemove((kind ?? "", locationId), out _);
            return new Copy([], new Dictionary<Guid, Location>(), null);
        }

        var locationIds = rows.Select(r => r.Resource.LocationId).Distinct().ToList();
        var locations = await db.Locations.AsNoTracking().Where(l => locationIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);
        var copy = new Copy(
            rows.Select(r => new ResourceQueries.Row { Resource = r.Resource, Kind = r.Kind, LocationName = r.LocationName }).ToList(),
            locations,
            rows[0].Stamp);
        if (_kept.Count >= MostKept)
        {
            _kept.Clear();
        }

        _kept[(kind ?? "", locationId)] = copy;
        return copy;
    }
}
