using Booking.Data;
using Booking.Domain.Audit;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Workflows.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Booking.Workflows.Reservations;

/// <summary>What a closure or maintenance block did to existing reservations.</summary>
public sealed record CollisionOutcome(IReadOnlyList<Guid> Cancelled, IReadOnlyList<Guid> CheckedInLeftAlone);

/// <summary>
/// When staff take time away (maintenance, a closure), the active reservations in it are cancelled
/// with the reason, the patron is told and the audit log says who did it: nothing is dropped silently.
/// </summary>
public static class CollidingReservations
{
    /// <summary>Cancels what overlaps <paramref name="interval"/> on the given resources; call inside the write transaction.</summary>
    public static async Task<CollisionOutcome> CancelAsync(
        BookingDbContext db, Guid staffId, IReadOnlyCollection<Guid> resourceIds, UtcInterval interval, string why, DateTime nowUtc, CancellationToken ct)
    {
        var colliding = await db.Reservations
            .Where(ReservationFilters.IsActive)
            .Where(r => resourceIds.Contains(r.ResourceId) && r.StartsAtUtc < interval.End && r.EndsAtUtc > interval.Start)
            .ToListAsync(ct);
        var names = await db.Resources.Where(r => resourceIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var zones = await (from r in db.Resources
                           join l in db.Locations on r.LocationId equals l.Id
                           where resourceIds.Contains(r.Id)
                           select new { r.Id, l.TimeZoneId }).ToDictionaryAsync(x => x.Id, x => x.TimeZoneId, ct);

        var cancelled = new List<Guid>();
        var leftAlone = new List<Guid>();
        foreach (var reservation in colliding)
        {
            if (reservation.Status == ReservationStatus.CheckedIn)
            {
                leftAlone.Add(reservation.Id); // in use right now: staff deal with it in person
                continue;
            }

            var name = names[reservation.ResourceId];
            var zone = TimeZoneInfo.FindSystemTimeZoneById(zones[reservation.ResourceId]);
            reservation.Cancel(staffId, why, nowUtc);
            db.Notifications.Add(Notices.ReservationCancelledByClosureOrMaintenance(
                reservation.PatronId, reservation.Id, name, reservation.StartsAtUtc, zone, why, nowUtc, reservation.EndsAtUtc));
            db.AuditLog.Add(new AuditEntry(staffId, "reservation.cancel-on-behalf", $"reservation:{reservation.Id}", why, nowUtc));
            cancelled.Add(reservation.Id);
        }

        return new CollisionOutcome(cancelled, leftAlone);
    }
}
