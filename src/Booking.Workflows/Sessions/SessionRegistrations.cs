using Booking.Data;
using Booking.Domain.Audit;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Domain.Sessions;
using Booking.Workflows.Certifications;
using Booking.Workflows.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Booking.Workflows.Sessions;

/// <summary>What marking attendance did: the registration, and the certification a pass granted (or renewed).</summary>
public sealed record AttendanceOutcome(Session Session, SessionRegistration Registration, Guid? GrantId);

/// <summary>
/// Registration, the waitlist and attendance. Every change runs under the session's lock, so racing
/// registrations cannot overfill a session, never share a desk, and racing cancellations promote each patron exactly once.
/// </summary>
public sealed class SessionRegistrations(BookingDbContext db, TimeProvider clock, CertificationGranting granting, DeskHolds desks)
{
    public Task<(Session Session, SessionRegistration Registration)> RegisterAsync(Guid patronId, Guid sessionId, CancellationToken ct) =>
        RegisterAsync(patronId, sessionId, null, ct);

    /// <summary>
    /// Registers the patron; at a session that holds desks, an attendee with a place also gets one: the desk they chose
    /// (<paramref name="deskId"/>, refused when it is not the session's or is taken) or the first free one.
    /// </summary>
    public Task<(Session Session, SessionRegistration Registration)> RegisterAsync(Guid patronId, Guid sessionId, Guid? deskId, CancellationToken ct) =>
        EnterAsync(patronId, sessionId, deskId, (session, now) => session.Register(patronId, now), ct);

    /// <summary>
    /// Registers a client of <paramref name="partnerId"/> on a seat the session sets aside for it; under the session's
    /// lock, so racing partner staff never fill more than the seats set aside.
    /// </summary>
    public Task<(Session Session, SessionRegistration Registration)> RegisterOnPartnerSeatAsync(Guid partnerId, Guid patronId, Guid sessionId, CancellationToken ct) =>
        EnterAsync(patronId, sessionId, null, (session, now) => session.RegisterOnPartnerSeat(patronId, partnerId, now), ct);

    private async Task<(Session Session, SessionRegistration Registration)> EnterAsync(
        Guid patronId, Guid sessionId, Guid? deskId, Func<Session, DateTime, SessionRegistration> enter, CancellationToken ct)
    {
        var (session, transaction) = await OpenAsync(sessionId, ct);
        await using (transaction)
        {
            var now = Now;
            var registration = enter(session, now);
            var desk = session.ChooseDesk(registration, deskId);
            await SaveAsync(ct);
            string? deskName = null;
            if (desk is not null)
            {
                await desks.ClaimAsync(session, desk, registration, now, ct);
                deskName = await desks.NameAsync(desk, ct);
            }

            if (registration.HoldsPlace)
            {
                var (zone, place) = await PlaceAsync(session, ct);
                db.Notifications.Add(Notices.SessionRegistered(patronId, session.Title, session.StartsAtUtc, zone, now, place, deskName));
            }

            await SaveDesksAsync(ct);
            await transaction.CommitAsync(ct);
            return (session, registration);
        }
    }

    /// <summary>The patron leaves the session (or its line); the first waiting patron gets the place and is told.</summary>
    public async Task<(Session Session, SessionRegistration? Promoted)> CancelMineAsync(Guid patronId, Guid sessionId, CancellationToken ct)
    {
        var (session, transaction) = await OpenAsync(sessionId, ct);
        await using (transaction)
        {
            var now = Now;
            var promoted = session.CancelRegistration(patronId, now);
            var leaving = session.Registrations.First(r => r.PatronId == patronId);
            var freed = session.TakeBackDesk(leaving);
            if (freed is not null)
            {
                await desks.EndAsync(freed, patronId, $"Your registration for {session.Title} was cancelled.", now, ct);
            }

            // The promoted attendee gets the freed desk, or the first free one; a freed desk nobody takes goes back to the pool.
            var given = promoted is null ? null : freed ?? session.ChooseDesk(promoted, null);
            if (given is not null)
            {
                await desks.ClaimAsync(session, given, promoted!, now, ct);
            }

            if (freed is not null && given != freed)
            {
                await desks.HoldAgainAsync(session, freed, now, ct);
            }

            if (promoted is not null)
            {
                var (zone, place) = await PlaceAsync(session, ct);
                var deskName = given is null ? null : await desks.NameAsync(given, ct);
                db.Notifications.Add(Notices.SessionPromoted(promoted.PatronId, session.Title, session.StartsAtUtc, zone, now, place, deskName));
            }

            await SaveDesksAsync(ct);
            await transaction.CommitAsync(ct);
            return (session, promoted);
        }
    }

    /// <summary>
    /// Sets aside seats for a partner's clients (or none), under the session's lock so no registration slips in between
    /// the count and the change; public places it frees promote the waiting list (with a desk where one is free), who are told.
    /// </summary>
    public async Task<Session> SetAsideSeatsAsync(Guid staffId, Guid sessionId, Guid? partnerId, int seats, CancellationToken ct) =>
        await SetAsideSeatsAsync(staffId, sessionId, partnerId, seats, null, keepHost: true, ct);

    /// <summary>As above, when the host changes too: <paramref name="hostPartnerId"/> is the host the seats are checked against.</summary>
    public async Task<Session> SetAsideSeatsAsync(Guid staffId, Guid sessionId, Guid? partnerId, int seats, Guid? hostPartnerId, CancellationToken ct) =>
        await SetAsideSeatsAsync(staffId, sessionId, partnerId, seats, hostPartnerId, keepHost: false, ct);

    private async Task<Session> SetAsideSeatsAsync(Guid staffId, Guid sessionId, Guid? partnerId, int seats, Guid? hostPartnerId, bool keepHost, CancellationToken ct)
    {
        if (partnerId is { } p && !await db.Partners.AnyAsync(x => x.Id == p, ct))
        {
            throw new DomainException(ErrorCodes.Validation, "There is no partner organisation with id {0}.", p);
        }

        var (session, transaction) = await OpenAsync(sessionId, ct);
        await using (transaction)
        {
            var now = Now;
            var (before, beforeSeats) = (session.SeatsPartnerId, session.PartnerSeats);
            var promoted = session.SetAsideSeats(partnerId, seats, keepHost ? session.PartnerId : hostPartnerId, now);
            foreach (var registration in promoted)
            {
                string? deskName = null;
                if (session.ChooseDesk(registration, null) is { } desk)
                {
                    await desks.ClaimAsync(session, desk, registration, now, ct);
                    deskName = await desks.NameAsync(desk, ct);
                }

                var (zone, place) = await PlaceAsync(session, ct);
                db.Notifications.Add(Notices.SessionPromoted(registration.PatronId, session.Title, session.StartsAtUtc, zone, now, place, deskName));
            }

            db.AuditLog.Add(new AuditEntry(staffId, "session.partner-seats", $"session:{session.Id}",
                $"Seats set aside at {session.Title}: {beforeSeats} for partner:{before?.ToString() ?? "-"}, now {session.PartnerSeats} for partner:{session.SeatsPartnerId?.ToString() ?? "-"}; {promoted.Count} promoted from the waiting list.", now));
            await SaveDesksAsync(ct);
            await transaction.CommitAsync(ct);
            return session;
        }
    }

    public async Task<AttendanceOutcome> MarkAttendanceAsync(Guid staffId, Guid sessionId, Guid patronId, bool attended, bool passed, CancellationToken ct)
    {
        var (session, transaction) = await OpenAsync(sessionId, ct);
        await using (transaction)
        {
            var registration = session.MarkAttendance(patronId, attended, passed, staffId, Now);
            Guid? grantId = null;
            if (registration.Status == RegistrationStatus.Passed && session.CertificationId is { } certificationId)
            {
                var grant = await granting.GrantWithinAsync(staffId, patronId, certificationId, null, session.Id, transaction, ct);
                grantId = grant.Id;
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new AttendanceOutcome(session, registration, grantId);
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The session's branch zone and where it runs (room and branch), for its notices.</summary>
    private async Task<(TimeZoneInfo Zone, SessionPlace Place)> PlaceAsync(Session session, CancellationToken ct)
    {
        var row = await (from l in db.Locations
                         where l.Id == session.LocationId
                         select new { l.TimeZoneId, l.Name, l.Address, Room = db.Resources.Where(r => r.Id == session.RoomId).Select(r => r.Name).FirstOrDefault() })
            .FirstAsync(ct);
        var where = row.Room is null ? row.Name : $"{row.Room}, {row.Name}";
        return (TimeZoneInfo.FindSystemTimeZoneById(row.TimeZoneId), new SessionPlace(session.Id, session.EndsAtUtc, where, row.Address));
    }

    /// <summary>A patron registering twice at once: the unique index refuses the second insert.</summary>
    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            throw new DomainException(new BookingRefusal(ErrorCodes.Conflict, RefusalReasons.AlreadyRegisteredHere));
        }
    }

    /// <summary>
    /// The session's lock makes desk claims take turns; the unique indexes and PostgreSQL's exclusion constraint are
    /// the last word if anything slipped past it: a desk that was just taken is "taken", never a server error.
    /// </summary>
    private async Task SaveDesksAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (WriteTransaction.IsOverlapViolation(e) || DatabaseErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            throw new DomainException(ErrorCodes.SlotTaken, "Another attendee has just taken that desk: choose another.");
        }
    }

    private async Task<(Session Session, WriteTransaction Transaction)> OpenAsync(Guid sessionId, CancellationToken ct)
    {
        // Desks first, then the session: the order every writer of a session's desks takes (booking, cancelling, the sweeps).
        var deskIds = await db.SessionDesks.AsNoTracking().Where(d => d.SessionId == sessionId).Select(d => d.ResourceId).ToListAsync(ct);
        var transaction = await WriteTransaction.BeginAsync(db, ct);
        try
        {
            if (deskIds.Count > 0)
            {
                await transaction.LockResourcesAsync(deskIds, ct);
            }

            await transaction.LockSessionAsync(sessionId, ct);
            var session = await db.Sessions.Include(s => s.Registrations).Include(s => s.Desks).FirstOrDefaultAsync(s => s.Id == sessionId, ct)
                ?? throw new DomainException(new BookingRefusal(ErrorCodes.NotFound, RefusalReasons.NoSession));
            return (session, transaction);
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }
}
