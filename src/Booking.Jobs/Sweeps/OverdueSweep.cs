using Booking.Data;
using Booking.Data.Identity;
using Booking.Domain.Notifications;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.Workflows.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Booking.Jobs.Sweeps;

/// <summary>
/// Laptops handed over and not returned by their end: the patron and staff are told once when it becomes
/// overdue, then once a day (day 0, 1, 2, ... after the end), each day stamped once.
/// </summary>
public sealed class OverdueSweep(BookingDbContext db, TimeProvider clock, ILogger<OverdueSweep> logger) : ISweep
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var overdue = await db.Reservations.AsNoTracking()
            .Where(r => r.Status == ReservationStatus.CheckedIn && r.KindCode == KnownKinds.Laptop && r.EndsAtUtc < now)
            .Select(r => new { r.Id, r.EndsAtUtc })
            .ToListAsync(ct);
        if (overdue.Count == 0)
        {
            return 0;
        }

        var staff = await (
            from user in db.Users.AsNoTracking()
            join link in db.UserRoles on user.Id equals link.UserId
            join role in db.Roles on link.RoleId equals role.Id
            where role.Name == Roles.Staff
            select user.Id).Distinct().ToListAsync(ct);

        var told = 0;
        foreach (var item in overdue)
        {
            var day = (int)Math.Floor((now - item.EndsAtUtc).TotalDays);
            var purpose = ReservationNotice.OverduePurpose(day);
            db.ChangeTracker.Clear();
            if (await db.ReservationNotices.AnyAsync(n => n.ReservationId == item.Id && n.Purpose == purpose, ct))
            {
                continue;
            }

            var facts = await ReservationFacts.LoadAsync(db, item.Id, ct);
            if (facts is null || !facts.Reservation.IsOverdue(now))
            {
                continue;
            }

            var reservation = facts.Reservation;
            var patron = await db.Users.AsNoTracking().Where(u => u.Id == reservation.PatronId).Select(u => u.DisplayName ?? u.Email).FirstOrDefaultAsync(ct);
            var notification = Notices.LaptopOverdue(reservation.PatronId, reservation.Id, facts.Subject, reservation.Interval, day, now);
            db.Notifications.Add(notification);
            foreach (var staffId in staff)
            {
                db.Notifications.Add(Notices.LaptopOverdueForStaff(staffId, reservation.Id, facts.Subject, reservation.Interval, patron, day, now));
            }

            db.ReservationNotices.Add(new ReservationNotice(reservation.Id, purpose, reservation.StartsAtUtc, notification.Id, now));
            if (await Stamps.TrySaveAsync(db, ct))
            {
                told++;
                logger.LogInformation("Overdue laptop {ReservationId}: day {Day} notice queued", reservation.Id, day);
            }
        }

        db.ChangeTracker.Clear();
        return told;
    }
}
