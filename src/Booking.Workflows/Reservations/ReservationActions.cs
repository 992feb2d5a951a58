using Booking.Data;
using Booking.Domain.Audit;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.Workflows.Notifications;
using Booking.Workflows.Sessions;
using Booking.Workflows.Waitlist;
using Microsoft.EntityFrameworkCore;

namespace Booking.Workflows.Reservations;

/// <summary>Who is acting, as the handlers need it.</summary>
public sealed record Actor(Guid Id, bool IsStaff);

/// <summary>
/// The state changes of a reservation after it is made: cancel, approve, reject, check in, complete,
/// accept a waiting-list offer. Each refuses with a clear reason rather than doing nothing.
/// </summary>
public sealed class ReservationActions(BookingDbContext db, TimeProvider clock, WaitlistOffers waitlist, DeskHolds desks)
{
    public async Task<Reservation> CancelAsync(Actor actor, Guid id, string? reason, CancellationToken ct)
    {
        var (reservation, subject, transaction) = await OpenAsync(actor, id, ct);
        await using (transaction)
        {
            var now = Now;
            var onBehalf = reservation.PatronId != actor.Id;
            if (onBehalf && string.IsNullOrWhiteSpace(reason))
            {
                throw new DomainException(ErrorCodes.Validation, "Give a reason when cancelling a patron's reservation; the patron is told.");
            }

            reservation.Cancel(actor.Id, reason, now);
            if (onBehalf)
            {
                db.AuditLog.Add(new AuditEntry(actor.Id, "reservation.cancel-on-behalf", $"reservation:{reservation.Id}", reservation.StatusReason ?? "", now));
                db.Notifications.Add(Notices.ReservationCancelledByStaff(
                    reservation.PatronId, reservation.Id, subject, reservation.Interval, reservation.StatusReason ?? "", now));
            }

            var entry = await db.WaitlistEntries.FirstOrDefaultAsync(w => w.OfferedReservationId == reservation.Id && w.Status == WaitlistStatus.Offered, ct);
            entry?.Withdraw();
            await db.SaveChangesAsync(ct);
            // An attendee's desk at a networking session goes back to the session's pool, not to the waiting list.
            if ((await desks.ReturnToPoolAsync(transaction, [reservation.Id], now, ct)).Count == 0)
            {
                await waitlist.OfferFreedAsync(subject, reservation.Interval, ct);
            }

            await transaction.CommitAsync(ct);
            return reservation;
        }
    }

    public async Task<Reservation> ApproveAsync(Actor actor, Guid id, CancellationToken ct)
    {
        RequireStaff(actor);
        var (reservation, subject, transaction) = await OpenAsync(actor, id, ct);
        await using (transaction)
        {
            reservation.Approve(actor.Id, Now);
            db.Notifications.Add(Notices.ReservationApproved(reservation.PatronId, reservation.Id, subject, reservation.Interval, Now));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return reservation;
        }
    }

    public async Task<Reservation> RejectAsync(Actor actor, Guid id, string? reason, CancellationToken ct)
    {
        RequireStaff(actor);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException(ErrorCodes.Validation, "Give a reason for the rejection; the patron is told.");
        }

        var (reservation, subject, transaction) = await OpenAsync(actor, id, ct);
        await using (transaction)
        {
            reservation.Reject(actor.Id, reason, Now);
            db.Notifications.Add(Notices.ReservationRejected(
                reservation.PatronId, reservation.Id, subject, reservation.Interval, reservation.StatusReason ?? "", Now));
            await db.SaveChangesAsync(ct);
            await waitlist.OfferFreedAsync(subject, reservation.Interval, ct);
            await transaction.CommitAsync(ct);
            return reservation;
        }
    }

    public async Task<Reservation> CheckInAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var (reservation, subject, transaction) = await OpenAsync(actor, id, ct);
        await using (transaction)
        {
            RequireStaffForLaptop(actor, subject);
            reservation.CheckIn(subject.Policy, Now);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return reservation;
        }
    }

    /// <summary>Ends a checked-in reservation (a laptop's return); the slot stays held to its booked end.</summary>
    public async Task<Reservation> CompleteAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var (reservation, subject, transaction) = await OpenAsync(actor, id, ct);
        await using (transaction)
        {
            RequireStaffForLaptop(actor, subject);
            reservation.Complete(Now);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return reservation;
        }
    }

    public async Task<Reservation> AcceptOfferAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var (reservation, subject, transaction) = await OpenAsync(actor, id, ct);
        await using (transaction)
        {
            if (reservation.PatronId != actor.Id)
            {
                throw new DomainException(new BookingRefusal(ErrorCodes.Forbidden, RefusalReasons.OfferNotYours));
            }

            reservation.AcceptOffer(subject.Policy, Now);
            var entry = await db.WaitlistEntries.FirstOrDefaultAsync(w => w.OfferedReservationId == reservation.Id, ct);
            entry?.Accepted();
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return reservation;
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static void RequireStaff(Actor actor)
    {
        if (!actor.IsStaff)
        {
            throw new DomainException(ErrorCodes.Forbidden, "Only staff can approve or reject reservations.");
        }
    }

    /// <summary>
    /// A laptop's check-in is its hand-over and its completion its return: staff must see the laptop change hands,
    /// or a patron could stop the overdue notices without bringing it back.
    /// </summary>
    private static void RequireStaffForLaptop(Actor actor, BookingSubject subject)
    {
        if (!actor.IsStaff && subject.Kind.Code == KnownKinds.Laptop)
        {
            throw new DomainException(new BookingRefusal(ErrorCodes.Forbidden, RefusalReasons.LaptopAtDesk));
        }
    }

    /// <summary>Loads the reservation for a change, under the resource's lock; someone else's is "not found" to a patron.</summary>
    private async Task<(Reservation Reservation, BookingSubject Subject, WriteTransaction Transaction)> OpenAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var resourceId = await db.Reservations.Where(r => r.Id == id && (actor.IsStaff || r.PatronId == actor.Id))
            .Select(r => (Guid?)r.ResourceId).FirstOrDefaultAsync(ct)
            ?? throw new DomainException(new BookingRefusal(ErrorCodes.NotFound, RefusalReasons.NoReservation));
        var subject = await BookingSubject.LoadAsync(db, resourceId, ct)
            ?? throw new DomainException(new BookingRefusal(ErrorCodes.NotFound, RefusalReasons.NoReservation));

        var transaction = await WriteTransaction.BeginAsync(db, ct);
        try
        {
            await transaction.LockResourceAsync(resourceId, ct);
            var reservation = await db.Reservations.FirstAsync(r => r.Id == id, ct);
            return (reservation, subject, transaction);
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }
}
