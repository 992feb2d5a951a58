using Booking.Data;
using Booking.Domain.Notifications;
using Booking.Domain.Reservations;
using Booking.Jobs.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Booking.Jobs.Sweeps;

/// <summary>
/// Queues each reminder of each lead time once per reservation and start time. The stamp and the
/// notification are written together under a unique key, so retries and nodes cannot double it. A
/// reservation booked inside a lead time (or one whose shorter reminder is already due) gets a stamp
/// without a message: no stale "tomorrow" reminder an hour before.
/// </summary>
public sealed class ReminderSweep(BookingDbContext db, JobsOptions options, TimeProvider clock, ILogger<ReminderSweep> logger) : ISweep
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var queued = 0;
        foreach (var lead in options.LeadTimes)
        {
            queued += await RunLeadAsync(lead, ct);
        }

        return queued;
    }

    private async Task<int> RunLeadAsync(TimeSpan lead, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var purpose = ReservationNotice.ReminderPurpose(lead);
        var until = now + lead;
        var shorter = options.LeadTimes.Where(l => l < lead).DefaultIfEmpty(TimeSpan.Zero).Max();
        var due = await db.Reservations.AsNoTracking()
            .Where(r => r.Status == ReservationStatus.Confirmed && r.StartsAtUtc > now && r.StartsAtUtc <= until)
            // A session's room and desk holds are staff's own bookings on the session's behalf: no mail to staff.
            .Where(r => !(r.CreatedOnBehalf && r.PatronId == r.CreatedById))
            .Where(r => !db.ReservationNotices.Any(n => n.ReservationId == r.Id && n.Purpose == purpose && n.ForStartsAtUtc == r.StartsAtUtc))
            .OrderBy(r => r.StartsAtUtc)
            .Select(r => r.Id)
            .Take(500)
            .ToListAsync(ct);

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
            var bookedInsideLead = reservation.CreatedAtUtc > reservation.StartsAtUtc - lead;
            var shorterAlreadyDue = shorter > TimeSpan.Zero && reservation.StartsAtUtc - now <= shorter;
            Notification? notification = null;
            if (!bookedInsideLead && !shorterAlreadyDue)
            {
                notification = new Notification(reservation.PatronId, NotificationKinds.Reminder,
                    $"Reminder: {facts.Resource.Name} in {Stamps.Words(lead)}",
                    $"This is a reminder of your reservation: {facts.Describe()}. Please check in at the desk or in My reservations when you arrive; if you cannot come, cancel it so someone else can use the time.",
                    reservation.Id, now);
                db.Notifications.Add(notification);
            }

            db.ReservationNotices.Add(new ReservationNotice(reservation.Id, purpose, reservation.StartsAtUtc, notification?.Id, now));
            if (await Stamps.TrySaveAsync(db, ct) && notification is not null)
            {
                queued++;
                logger.LogInformation("Reminder {Purpose} queued for reservation {ReservationId}", purpose, reservation.Id);
            }
        }

        db.ChangeTracker.Clear();
        return queued;
    }
}
