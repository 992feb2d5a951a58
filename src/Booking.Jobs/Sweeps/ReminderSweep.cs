using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Notifications;
using Booking.Domain.Reservations;
using Booking.Jobs.Configuration;
using Booking.Workflows.Notifications;
using Booking.Workflows.Reservations;
using Booking.Workflows.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Booking.Jobs.Sweeps;

/// <summary>
/// Queues each reminder of each lead time once per reservation and start time. The stamp and the
/// notification are written together under a unique key, so retries and nodes cannot double it. A
/// reservation booked inside a lead time (or one whose shorter reminder is already due) gets a stamp
/// without a message: no stale "tomorrow" reminder an hour before. Works in batches, one SaveChanges each;
/// when another node stamped part of a batch first, that batch is saved row by row.
/// </summary>
public sealed class ReminderSweep(BookingDbContext db, JobsOptions options, TimeProvider clock, MakerspaceMetrics metrics, ILogger<ReminderSweep> logger) : ISweep
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        Dictionary<Guid, BookingSubject>? resources = null;
        var queued = 0;
        foreach (var lead in options.LeadTimes)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            // Each batch reads on from the last one's start: read from the window's beginning every time, the "not
            // yet stamped" check passed over every row stamped so far again (a quarter of the sweep's time). The
            // last start is read again, as rows sharing it may not all have fitted; those stamped are skipped.
            var from = now;
            while (true)
            {
                var due = await DueAsync(lead, now, from, ct);
                if (due.Count == 0)
                {
                    break;
                }

                resources ??= await BookingSubject.LoadAllAsync(db, ct);
                queued += await QueueAsync(due, lead, resources, now, ct);
                if (due.Count < options.SweepBatchSize)
                {
                    break; // the window was read to its end; what is booked into it meanwhile, the next run finds
                }

                from = due[^1].StartsAtUtc;
            }
        }

        return queued;
    }

    private Task<List<Due>> DueAsync(TimeSpan lead, DateTime now, DateTime from, CancellationToken ct)
    {
        var purpose = ReservationNotice.ReminderPurpose(lead);
        var until = now + lead;
        // Planned for this run's window (on a generic plan this "not yet stamped" anti-join made 10,000 reminders
        // take 14.5 s instead of 0.5 s).
        return CustomPlans.ReadAsync(db, () => db.Reservations.AsNoTracking()
            .Where(r => r.Status == ReservationStatus.Confirmed && r.StartsAtUtc > now && r.StartsAtUtc >= from && r.StartsAtUtc <= until)
            // A session's room and desk holds are staff's own bookings on the session's behalf: no mail to staff.
            .Where(r => !(r.CreatedOnBehalf && r.PatronId == r.CreatedById))
            .Where(r => !db.ReservationNotices.Any(n => n.ReservationId == r.Id && n.Purpose == purpose && n.ForStartsAtUtc == r.StartsAtUtc))
            .OrderBy(r => r.StartsAtUtc)
            .Select(r => new Due(r.Id, r.ResourceId, r.PatronId, r.StartsAtUtc, r.EndsAtUtc, r.CreatedAtUtc))
            .Take(options.SweepBatchSize)
            .ToListAsync(ct), ct);
    }

    private async Task<int> QueueAsync(List<Due> due, TimeSpan lead, Dictionary<Guid, BookingSubject> resources, DateTime now, CancellationToken ct)
    {
        var purpose = ReservationNotice.ReminderPurpose(lead);
        var shorter = options.LeadTimes.Where(l => l < lead).DefaultIfEmpty(TimeSpan.Zero).Max();
        var stamps = due.Select(d => (Stamp: d, Notification: Reminder(d, lead, shorter, resources, now))).ToList();

        db.ChangeTracker.Clear();
        var queued = 0;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await NotificationBatch.InsertAsync(db,
                stamps.Where(s => s.Notification is not null).Select(s => s.Notification!).ToList(),
                stamps.Select(s => new ReservationNotice(s.Stamp.Id, purpose, s.Stamp.StartsAtUtc, s.Notification?.Id, now)).ToList(),
                now, ct);
            await transaction.CommitAsync(ct);
            queued = stamps.Count(s => s.Notification is not null);
        }
        catch (Exception e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            // Another node (or an earlier run) stamped some of these first: each row on its own, so the rest still go out once.
            foreach (var (d, notification) in stamps)
            {
                Add(d, notification, purpose, now);
                if (await Stamps.TrySaveAsync(db, ct) && notification is not null)
                {
                    queued++;
                }
            }
        }

        db.ChangeTracker.Clear();
        metrics.RemindersQueued(queued, purpose);
        logger.LogInformation("{Count} reminders {Purpose} queued", queued, purpose);
        return queued;
    }

    private void Add(Due d, Notification? notification, string purpose, DateTime now)
    {
        if (notification is not null)
        {
            db.Notifications.Add(notification);
        }

        db.ReservationNotices.Add(new ReservationNotice(d.Id, purpose, d.StartsAtUtc, notification?.Id, now));
    }

    private static Notification? Reminder(Due d, TimeSpan lead, TimeSpan shorter, Dictionary<Guid, BookingSubject> resources, DateTime now)
    {
        var bookedInsideLead = d.CreatedAtUtc > d.StartsAtUtc - lead;
        var shorterAlreadyDue = shorter > TimeSpan.Zero && d.StartsAtUtc - now <= shorter;
        if (bookedInsideLead || shorterAlreadyDue)
        {
            return null;
        }

        return Notices.Reminder(d.PatronId, d.Id, resources[d.ResourceId], new UtcInterval(d.StartsAtUtc, d.EndsAtUtc), lead, now);
    }

    private sealed record Due(Guid Id, Guid ResourceId, Guid PatronId, DateTime StartsAtUtc, DateTime EndsAtUtc, DateTime CreatedAtUtc);
}
