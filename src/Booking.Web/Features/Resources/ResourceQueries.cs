using Booking.Data;
using Booking.Domain.Resources;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Resources;

/// <summary>One query shape for a resource with its kind and branch, shared by the API and the pages.</summary>
public static class ResourceQueries
{
    /// <summary>Member-initialised (not positional) so EF can still filter and sort on it.</summary>
    public sealed class Row
    {
        public required Resource Resource { get; init; }

        public required ResourceKind Kind { get; init; }

        public required string LocationName { get; init; }
    }

    public static IQueryable<Row> Views(BookingDbContext db) =>
        from r in db.Resources.AsNoTracking()
        join k in db.ResourceKinds.AsNoTracking() on r.KindCode equals k.Code
        join l in db.Locations.AsNoTracking() on r.LocationId equals l.Id
        select new Row { Resource = r, Kind = k, LocationName = l.Name };

    public static ResourceView ToView(Row row) => new(
        row.Resource.Id, row.Resource.Name, row.Kind.Code, row.Kind.Name, row.Resource.LocationId, row.LocationName,
        row.Resource.Description, row.Resource.Capacity, row.Resource.IsOutOfService ? "out-of-service" : "active",
        row.Resource.OutOfServiceReason, row.Resource.EffectivePolicy(row.Kind.DefaultPolicy), row.Resource.RequiredCertificationIds);

    /// <summary>The kinds there are, for messages that name them ("room, laptop, ...").</summary>
    public static async Task<string> AllowedKindsAsync(BookingDbContext db, CancellationToken ct) =>
        string.Join(", ", await db.ResourceKinds.OrderBy(k => k.Code).Select(k => k.Code).ToListAsync(ct));

    /// <summary>Why a kind filter is wrong (naming the allowed kinds), or null when it is empty or known.</summary>
    public static async Task<string?> UnknownKindAsync(BookingDbContext db, string? kind, CancellationToken ct) =>
        string.IsNullOrEmpty(kind) || await db.ResourceKinds.AnyAsync(k => k.Code == kind, ct)
            ? null
            : $"Unknown kind '{kind}'. Allowed kinds: {await AllowedKindsAsync(db, ct)}.";
}
