using System.Globalization;
using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Locations;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.Jobs.Calendar;
using Booking.Workflows.Reservations;
using Microsoft.EntityFrameworkCore;

namespace Booking.Jobs.Sweeps;

/// <summary>A reservation with what its messages need: the resource, its branch, its kind and effective policy.</summary>
public sealed record ReservationFacts(Reservation Reservation, Resource Resource, ResourceKind Kind, Location Location, BookingPolicy Policy)
{
    /// <summary>The reservation's resource with its kind, branch and policy, as the notices take it.</summary>
    public BookingSubject Subject => new(Resource, Kind, Location, Policy);

    /// <param name="culture">The reader's language: the request's for a download, the recipient's for a mail.</param>
    /// <param name="sequence">The event's SEQUENCE by <see cref="CalendarSequence"/> (a mail sets its own).</param>
    public CalendarEntry ToCalendarEntry(CultureInfo culture, int sequence = 0) =>
        new(Reservation.Id, CalendarWords.Summary(Resource.Name, culture), $"{Resource.Name}, {Location.Name}", Reservation.StartsAtUtc, Reservation.EndsAtUtc,
            Reservation.Status, CalendarWords.Description(Resource.Name, Location.Name, Reservation.Notes, culture), null, sequence);

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
