using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Locations;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.Jobs.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Booking.Jobs.Sweeps;

/// <summary>A reservation with what its messages need: the resource, its branch, its kind and effective policy.</summary>
public sealed record ReservationFacts(Reservation Reservation, Resource Resource, ResourceKind Kind, Location Location, BookingPolicy Policy)
{
    public string Describe() => Describe(Reservation.Interval);

    public string Describe(UtcInterval interval) => ResourceFacts.Describe(Resource, Location, interval);

    public CalendarEntry ToCalendarEntry() =>
        new(Reservation.Id, Resource.Name, $"{Resource.Name}, {Location.Name}", Reservation.StartsAtUtc, Reservation.EndsAtUtc, Reservation.Status, Reservation.Notes);

    /// <summary>Loads the reservation tracked (so a sweep can change it) with its context; null when it is gone.</summary>
    public static async Task<ReservationFacts?> LoadAsync(BookingDbContext db, Guid reservationId, CancellationToken ct)
    {
        var reservation = await db.Reservations.FirstOrDefaultAsync(r => r.Id == reservationId, ct);
        if (reservation is null)
        {
            return null;
        }

        var resource = await db.Resources.AsNoTracking().FirstAsync(r => r.Id == reservation.ResourceId, ct);
        var kind = await db.ResourceKinds.AsNoTracking().FirstAsync(k => k.Code == resource.KindCode, ct);
        var location = await db.Locations.AsNoTracking().FirstAsync(l => l.Id == resource.LocationId, ct);
        return new ReservationFacts(reservation, resource, kind, location, resource.EffectivePolicy(kind.DefaultPolicy));
    }
}

/// <summary>
/// A resource with its kind, branch and effective policy (per-resource overrides applied): what set-based
/// sweeps need for a whole batch, loaded once per run in three queries instead of three per row.
/// </summary>
public sealed record ResourceFacts(Resource Resource, ResourceKind Kind, Location Location, BookingPolicy Policy)
{
    public string Describe(UtcInterval interval) => Describe(Resource, Location, interval);

    public static string Describe(Resource resource, Location location, UtcInterval interval) =>
        $"{resource.Name}, {LocalCalendar.Describe(interval.Start, location.TimeZone)}–{LocalCalendar.Clock(interval.End, location.TimeZone)} ({location.TimeZoneId})";

    /// <summary>Every resource by id. A catalogue is hundreds of rows, far fewer than the reservations a sweep touches.</summary>
    public static async Task<Dictionary<Guid, ResourceFacts>> LoadAllAsync(BookingDbContext db, CancellationToken ct)
    {
        var resources = await db.Resources.AsNoTracking().ToListAsync(ct);
        var kinds = await db.ResourceKinds.AsNoTracking().ToDictionaryAsync(k => k.Code, ct);
        var locations = await db.Locations.AsNoTracking().ToDictionaryAsync(l => l.Id, ct);
        return resources.ToDictionary(r => r.Id, r =>
        {
            var kind = kinds[r.KindCode];
            return new ResourceFacts(r, kind, locations[r.LocationId], r.EffectivePolicy(kind.DefaultPolicy));
        });
    }
}
