using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.Domain.Sessions;
using Booking.Workflows.Reservations;
using Microsoft.EntityFrameworkCore;

namespace Booking.Workflows.Sessions;

/// <summary>
/// The reservations behind a networking session's desks: a claimed desk is the attendee's own reservation (check-in,
/// no-show, My reservations), a desk in the pool is a hold in the name of the staff member who scheduled the session.
/// Callers hold the session's lock (and, where they have them, the desks' resource locks first).
/// </summary>
public sealed class DeskHolds(BookingDbContext db)
{
    /// <summary>Replaces the desk's hold with the attendee's own reservation for the session's time.</summary>
    public async Task<Reservation> ClaimAsync(Session session, SessionDesk desk, SessionRegistration registration, DateTime nowUtc, CancellationToken ct)
    {
        var current = await db.Reservations.FirstAsync(r => r.Id == desk.ReservationId, ct);
        if (current.Status is ReservationStatus.Pending or ReservationStatus.Confirmed)
        {
            current.Cancel(current.PatronId, $"Given to an attendee of {session.Title}.", nowUtc);
        }
        else if (current.PatronId == session.CreatedById)
        {
            // The hold went another way (a closure or maintenance cancelled it, or it was released): no desk to give.
            throw new DomainException(ErrorCodes.SlotTaken, "That desk is no longer held for the session: choose another or register without one.");
        }

        // The hold ends before the attendee's reservation is written: PostgreSQL's exclusion constraint checks each row.
        await db.SaveChangesAsync(ct);
        var subject = await SubjectAsync(desk, ct);
        var mine = Reservation.Book(subject.Resource, DeskPolicy(subject), new BookingRequest(registration.PatronId, session.Interval),
            registration.PatronId, $"Desk at {session.Title}", nowUtc);
        db.Reservations.Add(mine);
        session.Claim(desk, registration, mine.Id);
        return mine;
    }

    /// <summary>The desk goes back to the session's pool: a new hold for the session's time, not public.</summary>
    public async Task HoldAgainAsync(Session session, SessionDesk desk, DateTime nowUtc, CancellationToken ct)
    {
        // The attendee's reservation ends (cancelled, no-show) before the hold is written.
        await db.SaveChangesAsync(ct);
        var subject = await SubjectAsync(desk, ct);
        var hold = Reservation.Book(subject.Resource, DeskPolicy(subject), new BookingRequest(session.CreatedById, session.Interval, OnBehalfByStaff: true),
            session.CreatedById, $"Held for attendees of {session.Kind.ToCode()} session: {session.Title}", nowUtc);
        db.Reservations.Add(hold);
        session.HoldAgain(desk, hold.Id);
    }

    /// <summary>Ends the attendee's own desk reservation when they leave the session.</summary>
    public async Task EndAsync(SessionDesk desk, Guid byId, string reason, DateTime nowUtc, CancellationToken ct)
    {
        var reservation = await db.Reservations.FirstAsync(r => r.Id == desk.ReservationId, ct);
        if (reservation.Status is ReservationStatus.Pending or ReservationStatus.Confirmed)
        {
            reservation.Cancel(byId, reason, nowUtc);
        }
    }

    /// <summary>
    /// A desk reservation an attendee no longer holds (cancelled by them, released as a no-show) goes back to its
    /// session's pool. Returns the reservations that were a session's desks, so the caller offers none of them to the
    /// waiting list. The reservations are already ended in this transaction.
    /// </summary>
    public async Task<IReadOnlySet<Guid>> ReturnToPoolAsync(WriteTransaction transaction, IReadOnlyCollection<Guid> reservationIds, DateTime nowUtc, CancellationToken ct)
    {
        var ids = reservationIds.ToList();
        var sessionIds = await db.SessionDesks.AsNoTracking()
            .Where(d => ids.Contains(d.ReservationId) && d.RegistrationId != null)
            .Select(d => d.SessionId).Distinct().OrderBy(id => id).ToListAsync(ct);
        var returned = new HashSet<Guid>();
        foreach (var sessionId in sessionIds)
        {
            await transaction.LockSessionAsync(sessionId, ct);
            var session = await db.Sessions.Include(s => s.Desks).FirstAsync(s => s.Id == sessionId, ct);
            if (session.IsCancelled)
            {
                continue;
            }

            foreach (var id in ids)
            {
                if (session.TakeBackDeskHeldBy(id) is { } desk)
                {
                    await HoldAgainAsync(session, desk, nowUtc, ct);
                    returned.Add(id);
                }
            }
        }

        await db.SaveChangesAsync(ct);
        return returned;
    }

    /// <summary>The desk's name, for words and mail.</summary>
    public Task<string> NameAsync(SessionDesk desk, CancellationToken ct) =>
        db.Resources.AsNoTracking().Where(r => r.Id == desk.ResourceId).Select(r => r.Name).FirstAsync(ct);

    /// <summary>A desk is held for the session's length, which may be shorter than a patron's minimum desk booking; staff set it up, so no approval.</summary>
    public static BookingPolicy DeskPolicy(BookingSubject subject) =>
        subject.Policy with { MinDurationMinutes = subject.Policy.SlotMinutes, RequiresApproval = false };

    private async Task<BookingSubject> SubjectAsync(SessionDesk desk, CancellationToken ct) =>
        await BookingSubject.LoadAsync(db, desk.ResourceId, ct)
        ?? throw new DomainException(ErrorCodes.NotFound, "The desk no longer exists.");
}
