using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Notifications;
using Booking.Domain.Reservations;
using Booking.Jobs.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Booking.Jobs.Sweeps;

/// <summary>
/// Releases confirmed reservations nobody checked in to once start + grace has passed: status
/// <c>no-show</c> (kept on record), the slot freed and offered to the waiting list, the patron told. Each
/// release runs in a write transaction under the resource's lock and re-reads the row, so a check-in or
/// cancellation that won the race is left alone and no reservation is released twice. Too many no-shows
/// of one kind suspend the patron's new bookings of that kind for a while.
/// </summary>
public sealed class NoShowSweep(BookingDbContext db, IWaitlist waitlist, JobsOptions options, TimeProvider clock, ILogger<NoShowSweep> logger) : ISweep
{
    /// <summary>No grace is longer than this; older confirmed reservations are still swept (a long outage).</summary>
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(14);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var oldest = now - Horizon;
        var candidates = await db.Reservations.AsNoTracking()
            .Where(r => r.Status == ReservationStatus.Confirmed && r.StartsAtUtc <= now && r.StartsAtUtc > oldest)
            .OrderBy(r => r.StartsAtUtc)
            .Select(r => r.Id)
            .Take(500)
            .ToListAsync(ct);

        var released = 0;
        foreach (var id in candidates)
        {
            if (await ReleaseAsync(id, ct))
            {
                released++;
            }
        }

        return released;
    }

    private async Task<bool> ReleaseAsync(Guid id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var resourceId = await db.Reservations.Where(r => r.Id == id).Select(r => r.ResourceId).FirstAsync(ct);
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        await transaction.LockResourceAsync(resourceId, ct);
        var facts = await ReservationFacts.LoadAsync(db, id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (facts is null || facts.Reservation.Status != ReservationStatus.Confirmed
            || now < facts.Reservation.StartsAtUtc.AddMinutes(facts.Policy.NoShowGraceMinutes))
        {
            return false; // checked in, cancelled or released since we looked, or its grace has not run out
        }

        var reservation = facts.Reservation;
        reservation.MarkNoShow(facts.Policy, now);
        db.Notifications.Add(new Notification(reservation.PatronId, NotificationKinds.NoShow,
            $"Your reservation of {facts.Resource.Name} was released",
            $"You did not check in within {facts.Policy.NoShowGraceMinutes} minutes of the start of your reservation ({facts.Describe()}), so it was released for others. If this is a mistake, please talk to staff at the desk.",
            reservation.Id, now));
        await db.SaveChangesAsync(ct);
        await waitlist.OfferFreedAsync(reservation.ResourceId, reservation.Interval, ct);
        await SuspendIfTooManyAsync(facts, now, ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Reservation {ReservationId} released as a no-show", reservation.Id);
        return true;
    }

    private async Task SuspendIfTooManyAsync(ReservationFacts facts, DateTime now, CancellationToken ct)
    {
        var patronId = facts.Reservation.PatronId;
        var kind = facts.Reservation.KindCode;
        var suspensions = await db.BookingSuspensions.Where(s => s.PatronId == patronId && s.KindCode == kind).ToListAsync(ct);
        if (suspensions.Any(s => s.IsInForce(now)))
        {
            return;
        }

        // No-shows already punished by an earlier suspension do not count again.
        var since = now.AddDays(-options.StrikeWindowDays);
        if (suspensions.Count > 0)
        {
            var lastStart = suspensions.Max(s => s.StartsAtUtc);
            since = lastStart > since ? lastStart : since;
        }

        var strikes = await db.Reservations.AsNoTracking()
            .CountAsync(r => r.PatronId == patronId && r.KindCode == kind && r.Status == ReservationStatus.NoShow && r.CancelledAtUtc > since, ct);
        if (strikes < options.StrikeCount)
        {
            return;
        }

        var until = now.AddDays(options.SuspensionDays);
        var kindName = facts.Kind.Name;
        var untilText = LocalCalendar.Describe(until, facts.Location.TimeZone);
        var reason = $"{strikes} reservations of {kindName} not claimed in the last {options.StrikeWindowDays} days.";
        db.BookingSuspensions.Add(new BookingSuspension(patronId, kind, now, until, reason));
        db.Notifications.Add(new Notification(patronId, NotificationKinds.Suspended,
            $"You cannot book {kindName} until {untilText}",
            $"You missed {strikes} reservations of {kindName} in the last {options.StrikeWindowDays} days without cancelling, so you cannot make new bookings of {kindName} until {untilText} ({facts.Location.TimeZoneId}). Your other bookings are not affected. If something kept you away, staff at the desk can lift this.",
            null, now));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Patron {PatronId} suspended from booking {Kind} until {Until}", patronId, kind, until);
    }
}
