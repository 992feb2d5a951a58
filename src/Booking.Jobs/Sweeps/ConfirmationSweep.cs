using Booking.Data;
using Booking.Domain.Notifications;
using Booking.Domain.Reservations;
using Booking.Workflows.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Booking.Jobs.Sweeps;

/// <summary>
/// Sends a confirmation (with its .ics) for each reservation booked straight into <c>confirmed</c>,
/// once. Approved requests are left out: their approval notice already carries the calendar entry.
/// </summary>
public sealed class ConfirmationSweep(BookingDbContext db, TimeProvider clock, ILogger<ConfirmationSweep> logger) : ISweep
{
    /// <summary>Reservations older than this are not confirmed after the fact (e.g. when the jobs were switched on late).</summary>
    public static readonly TimeSpan LookBack = TimeSpan.FromDays(1);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - LookBack;
        const string purpose = ReservationNotice.Confirmation;
        // The same "not yet stamped" read as the reminders', planned for this run's window.
        var due = await CustomPlans.ReadAsync(db, () => db.Reservations.AsNoTracking()
            .Where(r => r.Status == ReservationStatus.Confirmed && r.DecidedById == null && r.CreatedAtUtc >= since && r.StartsAtUtc > now)
            // A session's room and desk holds are staff's own bookings on the session's behalf: no mail to staff.
            .Where(r => !(r.CreatedOnBehalf && r.PatronId == r.CreatedById))
            .Where(r => !db.ReservationNotices.Any(n => n.ReservationId == r.Id && n.Purpose == purpose && n.ForStartsAtUtc == r.StartsAtUtc))
            .Select(r => r.Id)
            .Take(500)
            .ToListAsync(ct), ct);

        var queued = 0;
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            var facts = await ReservationFacts.LoadAsync(db, id, ct);
            if (facts is null || facts.Reservation.Status != ReservationStatus.Confirmed)
            {
                continue;
            }

            var reservation = facts.Reservation;
            var notification = Notices.ReservationConfirmed(reservation.PatronId, reservation.Id, facts.Subject, reservation.Interval, now);
            db.Notifications.Add(notification);
            db.ReservationNotices.Add(new ReservationNotice(reservation.Id, purpose, reservation.StartsAtUtc, notification.Id, now));
            if (await Stamps.TrySaveAsync(db, ct))
            {
                queued++;
            }
        }

        db.ChangeTracker.Clear();
        if (queued > 0)
        {
            logger.LogInformation("Queued {Count} booking confirmations", queued);
        }

        return queued;
    }
}
