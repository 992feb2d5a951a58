using Booking.Data;
using Booking.Domain.Audit;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.Domain.Sessions;
using Booking.Workflows.Notifications;
using Booking.Workflows.Reservations;
using Booking.Workflows.Waitlist;
using Microsoft.EntityFrameworkCore;

namespace Booking.Workflows.Sessions;

/// <summary>Either the scheduled session or why its room (or desks) could not be had.</summary>
public sealed record ScheduleOutcome(Session? Session, BookingRefusal? Refusal);

/// <summary>
/// Schedules sessions: the room (and, for networking, coworking desks) is reserved through the booking
/// engine, as staff on their own behalf, so lead time and quotas do not apply but opening hours,
/// closures, maintenance and other bookings do. Cancelling releases them and tells the registrants.
/// </summary>
public sealed class SessionScheduling(BookingDbContext db, TimeProvider clock, BookReservation booking, WaitlistOffers waitlist)
{
    public async Task<ScheduleOutcome> ScheduleAsync(Guid staffId, SessionDetails details, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var session = new Session(details, staffId, now);
        var room = await BookingSubject.LoadAsync(db, details.RoomId, ct);
        if (room is null || room.Resource.KindCode != KnownKinds.Room)
        {
            throw new DomainException(ErrorCodes.Validation, "There is no room with id {0} (GET /api/v1/resources?kind=room).", details.RoomId);
        }

        var desks = new List<BookingSubject>();
        if (details.HoldDesks > 0)
        {
            var deskIds = await db.Resources.AsNoTracking()
                .Where(r => r.LocationId == room.Resource.LocationId && r.KindCode == KnownKinds.CoworkingDesk && !r.IsOutOfService)
                .OrderBy(r => r.Name).Select(r => r.Id).ToListAsync(ct);
            foreach (var id in deskIds)
            {
                desks.Add((await BookingSubject.LoadAsync(db, id, ct))!);
            }
        }

        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        foreach (var resourceId in desks.Select(d => d.Resource.Id).Append(room.Resource.Id).Order())
        {
            await transaction.LockResourceAsync(resourceId, ct);
        }

        var request = new BookingRequest(staffId, details.Interval, OnBehalfByStaff: true);
        var note = $"{details.Kind.ToCode()} session: {session.Title}";
        var roomOutcome = await booking.AddIfAllowedAsync(room, request, staffId, note, now, NoApproval(room), ct);
        if (roomOutcome.Refusal is { } refusal)
        {
            return new ScheduleOutcome(null, BookingRefusal.Of(refusal.Code, RefusalReasons.SessionRoom, ("room", room.Resource.Name)) with { Cause = refusal, Certifications = refusal.Certifications });
        }

        var held = new List<(Guid DeskId, Guid ReservationId)>();
        BookingRefusal? deskRefusal = null;
        foreach (var found in desks)
        {
            if (held.Count == details.HoldDesks)
            {
                break;
            }

            // A desk is held for the session's length, which may be shorter than a patron's minimum desk booking.
            var desk = found with { Policy = found.Policy with { MinDurationMinutes = found.Policy.SlotMinutes } };
            var deskOutcome = await booking.AddIfAllowedAsync(desk, request, staffId, $"Held for attendees of {note}", now, NoApproval(desk), ct);
            if (deskOutcome.Reservation is { } reservation)
            {
                held.Add((desk.Resource.Id, reservation.Id));
            }

            deskRefusal ??= deskOutcome.Refusal;
        }

        if (held.Count < details.HoldDesks)
        {
            db.ChangeTracker.Clear();
            var tooFew = BookingRefusal.Of(ErrorCodes.SlotTaken, RefusalReasons.SessionDesks,
                ("held", held.Count), ("asked", details.HoldDesks), ("location", room.Location.Name));
            return new ScheduleOutcome(null, tooFew with { Cause = deskRefusal });
        }

        session.HoldWith(roomOutcome.Reservation!.Id, held);
        db.Sessions.Add(session);
        db.AuditLog.Add(new AuditEntry(staffId, "session.schedule", $"session:{session.Id}",
            $"Scheduled {note} in {room.Describe(details.Interval)}, {held.Count} desk(s) held.", now));
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (WriteTransaction.IsOverlapViolation(e))
        {
            db.ChangeTracker.Clear();
            return new ScheduleOutcome(null, BookingRefusal.Of(ErrorCodes.SlotTaken, RefusalReasons.SessionJustBooked, ("room", room.Resource.Name)));
        }

        return new ScheduleOutcome(session, null);
    }

    /// <summary>Changes the title, description and host of a session that is not over or cancelled; registrations stay.</summary>
    public async Task<Session> ReviseAsync(Guid staffId, Guid sessionId, string title, string? description, Guid? partnerId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        await transaction.LockSessionAsync(sessionId, ct);
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId, ct)
            ?? throw new DomainException(ErrorCodes.NotFound, "No session with that id.");
        if (partnerId is { } p && !await db.Partners.AnyAsync(x => x.Id == p, ct))
        {
            throw new DomainException(ErrorCodes.Validation, "There is no partner organisation with id {0}.", p);
        }

        session.Revise(title, description, partnerId, now);
        db.AuditLog.Add(new AuditEntry(staffId, "session.revise", $"session:{session.Id}", $"Changed the details of {session.Title}.", now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return session;
    }

    public async Task<Session> CancelAsync(Guid staffId, Guid sessionId, string? reason, CancellationToken ct)
    {
        var found = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct)
            ?? throw new DomainException(ErrorCodes.NotFound, "No session with that id.");
        var holds = found.DeskReservationIds.Append(found.RoomReservationId).ToList();
        var resourceIds = await db.Reservations.Where(r => holds.Contains(r.Id)).Select(r => r.ResourceId).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;

        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        foreach (var resourceId in resourceIds.Distinct().Order())
        {
            await transaction.LockResourceAsync(resourceId, ct);
        }

        await transaction.LockSessionAsync(sessionId, ct);
        var session = await db.Sessions.Include(s => s.Registrations).FirstAsync(s => s.Id == sessionId, ct);
        var toTell = session.Cancel(reason, now);

        // Read again under the lock: an attendee may have claimed a desk since (same desks, so the same resource locks).
        holds = session.DeskReservationIds.Append(session.RoomReservationId).ToList();
        var freed = await db.Reservations.Where(r => holds.Contains(r.Id)).ToListAsync(ct);
        foreach (var reservation in freed.Where(r => r.Status is ReservationStatus.Pending or ReservationStatus.Confirmed))
        {
            reservation.Cancel(staffId, $"The session {session.Title} was cancelled.", now);
        }

        var room = (await BookingSubject.LoadAsync(db, session.RoomId, ct))!;
        var zone = room.Location.TimeZone;
        var place = new SessionPlace(session.Id, session.EndsAtUtc, $"{room.Resource.Name}, {room.Location.Name}", room.Location.Address);
        foreach (var patronId in toTell)
        {
            db.Notifications.Add(Notices.SessionCancelled(patronId, session.Title, session.StartsAtUtc, zone, session.CancellationReason, now, place));
        }

        db.AuditLog.Add(new AuditEntry(staffId, "session.cancel", $"session:{session.Id}", $"Cancelled {session.Title}: {session.CancellationReason}", now));
        await db.SaveChangesAsync(ct);
        foreach (var reservation in freed.Where(r => r.Status == ReservationStatus.Cancelled && r.CancelledAtUtc == now))
        {
            var subject = await BookingSubject.LoadAsync(db, reservation.ResourceId, ct);
            await waitlist.OfferFreedAsync(subject!, reservation.Interval, ct);
        }

        await transaction.CommitAsync(ct);
        return session;
    }

    /// <summary>Staff schedule the session, so its holds need no approval.</summary>
    private static BookingPolicy NoApproval(BookingSubject subject) => subject.Policy with { RequiresApproval = false };
}
