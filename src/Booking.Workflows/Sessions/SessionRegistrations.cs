using Booking.Data;
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
/// registrations cannot overfill a session and racing cancellations promote each patron exactly once.
/// </summary>
public sealed class SessionRegistrations(BookingDbContext db, TimeProvider clock, CertificationGranting granting)
{
    public async Task<(Session Session, SessionRegistration Registration)> RegisterAsync(Guid patronId, Guid sessionId, CancellationToken ct)
    {
        var (session, transaction) = await OpenAsync(sessionId, ct);
        await using (transaction)
        {
            var now = Now;
            var registration = session.Register(patronId, now);
            if (registration.HoldsPlace)
            {
                var (zone, place) = await PlaceAsync(session, ct);
                db.Notifications.Add(Notices.SessionRegistered(patronId, session.Title, session.StartsAtUtc, zone, now, place));
            }

            await SaveAsync(ct);
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
            if (promoted is not null)
            {
                var (zone, place) = await PlaceAsync(session, ct);
                db.Notifications.Add(Notices.SessionPromoted(promoted.PatronId, session.Title, session.StartsAtUtc, zone, now, place));
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return (session, promoted);
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

    private async Task<(Session Session, WriteTransaction Transaction)> OpenAsync(Guid sessionId, CancellationToken ct)
    {
        var transaction = await WriteTransaction.BeginAsync(db, ct);
        try
        {
            await transaction.LockSessionAsync(sessionId, ct);
            var session = await db.Sessions.Include(s => s.Registrations).FirstOrDefaultAsync(s => s.Id == sessionId, ct)
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
