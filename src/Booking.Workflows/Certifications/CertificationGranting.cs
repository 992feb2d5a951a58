using Booking.Data;
using Booking.Domain.Audit;
using Booking.Domain.Certifications;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Workflows.Notifications;
using Booking.Workflows.Reservations;
using Booking.Workflows.Waitlist;
using Microsoft.EntityFrameworkCore;

namespace Booking.Workflows.Certifications;

/// <summary>What a revocation did: the grant and the reservations it cancelled.</summary>
public sealed record RevocationOutcome(CertificationGrant Grant, IReadOnlyList<Guid> CancelledReservationIds);

/// <summary>
/// Staff grant and revoke certifications. Both are audited and the patron is told; a revocation
/// cancels the patron's upcoming reservations that needed the certification (never silently).
/// </summary>
public sealed class CertificationGranting(BookingDbContext db, TimeProvider clock, WaitlistOffers waitlist)
{
    public async Task<CertificationGrant> GrantAsync(Guid staffId, Guid patronId, Guid certificationId, DateTime? expiresAtUtc, CancellationToken ct)
    {
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        var grant = await GrantWithinAsync(staffId, patronId, certificationId, expiresAtUtc, null, transaction, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return grant;
    }

    /// <summary>
    /// Grants inside the caller's transaction (a training's attendance uses it), without saving.
    /// From a session, a patron who already holds the certification has it extended instead.
    /// </summary>
    public async Task<CertificationGrant> GrantWithinAsync(
        Guid staffId, Guid patronId, Guid certificationId, DateTime? expiresAtUtc, Guid? sessionId, WriteTransaction transaction, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var definition = await db.Certifications.AsNoTracking().FirstOrDefaultAsync(c => c.Id == certificationId, ct)
            ?? throw new DomainException(ErrorCodes.Validation, "There is no certification with id {0} (GET /api/v1/certifications).", certificationId);
        if (!await db.Users.AnyAsync(u => u.Id == patronId, ct))
        {
            throw new DomainException(ErrorCodes.NotFound, "No patron with that id.");
        }

        await transaction.LockPatronAsync(patronId, ct);
        var grants = await db.CertificationGrants.Where(g => g.PatronId == patronId).ToListAsync(ct);
        var subject = $"patron:{patronId}";
        if (sessionId is not null && grants.FirstOrDefault(g => g.CertificationId == certificationId && g.IsValidAt(now)) is { } held)
        {
            var before = held.ExpiresAtUtc;
            if (held.ExtendTo(expiresAtUtc ?? definition.ExpiryFor(now)))
            {
                db.AuditLog.Add(new AuditEntry(staffId, "certification.renew", subject,
                    $"{definition.Name} renewed by passing session {sessionId}: expiry {Day(before)} → {Day(held.ExpiresAtUtc)}.", now));
                db.Notifications.Add(Notices.CertificationRenewed(patronId, definition.Name, held.ExpiresAtUtc, now));
            }

            return held;
        }

        var grant = CertificationGrant.Grant(definition, patronId, staffId, expiresAtUtc, grants, now, sessionId);
        db.CertificationGrants.Add(grant);
        db.AuditLog.Add(new AuditEntry(staffId, "certification.grant", subject,
            $"Granted {definition.Name} ({definition.Id}), grant {grant.Id}, valid {Until(grant.ExpiresAtUtc)}{(sessionId is null ? "" : $", passed session {sessionId}")}.", now));
        db.Notifications.Add(Notices.CertificationGranted(patronId, definition.Name, grant.ExpiresAtUtc, now));
        return grant;
    }

    public async Task<RevocationOutcome> RevokeAsync(Guid staffId, Guid patronId, Guid grantId, string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException(ErrorCodes.Validation, "Give a reason for the revocation (?reason= or a JSON body {\"reason\": ...}); the patron is told.");
        }

        var found = await db.CertificationGrants.AsNoTracking().FirstOrDefaultAsync(g => g.Id == grantId && g.PatronId == patronId, ct)
            ?? throw new DomainException(ErrorCodes.NotFound, "That patron has no certification grant with that id.");
        var definition = await db.Certifications.AsNoTracking().FirstAsync(c => c.Id == found.CertificationId, ct);
        var certificationId = definition.Id;
        var now = clock.GetUtcNow().UtcDateTime;

        // Locks in the usual order: the resources whose reservations may be cancelled, then the patron.
        var affected = await UpcomingNeeding(patronId, certificationId, now).Select(r => r.ResourceId).Distinct().ToListAsync(ct);
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        foreach (var resourceId in affected.Order())
        {
            await transaction.LockResourceAsync(resourceId, ct);
        }

        await transaction.LockPatronAsync(patronId, ct);
        var grant = await db.CertificationGrants.FirstAsync(g => g.Id == grantId, ct);
        grant.Revoke(staffId, reason, now);

        var why = Notices.CertificationRevokedReason(definition.Name, grant.RevocationReason ?? "");
        var cancelled = await UpcomingNeeding(patronId, certificationId, now).ToListAsync(ct);
        var subjects = new Dictionary<Guid, BookingSubject>();
        foreach (var reservation in cancelled)
        {
            reservation.Cancel(staffId, why, now);
            db.AuditLog.Add(new AuditEntry(staffId, "reservation.cancel-on-behalf", $"reservation:{reservation.Id}", why, now));
            if (!subjects.ContainsKey(reservation.ResourceId))
            {
                subjects[reservation.ResourceId] = (await BookingSubject.LoadAsync(db, reservation.ResourceId, ct))!;
            }
        }

        db.AuditLog.Add(new AuditEntry(staffId, "certification.revoke", $"patron:{patronId}",
            $"Revoked {definition.Name} ({certificationId}), grant {grant.Id}: {grant.RevocationReason}. Cancelled {cancelled.Count} upcoming reservation(s).", now));
        db.Notifications.Add(Notices.CertificationRevoked(patronId, definition.Name, grant.RevocationReason ?? "",
            cancelled.Select(r => (subjects[r.ResourceId], r.Interval)).ToList(), now));
        await db.SaveChangesAsync(ct);

        // The freed slots go to whoever waits for them (and is certified).
        foreach (var reservation in cancelled)
        {
            await waitlist.OfferFreedAsync(subjects[reservation.ResourceId], reservation.Interval, ct);
        }

        await transaction.CommitAsync(ct);
        return new RevocationOutcome(grant, cancelled.Select(r => r.Id).ToList());
    }

    /// <summary>The patron's pending or confirmed reservations, not yet over, of resources that require the certification.</summary>
    private IQueryable<Reservation> UpcomingNeeding(Guid patronId, Guid certificationId, DateTime now) =>
        from r in db.Reservations
        join res in db.Resources on r.ResourceId equals res.Id
        where r.PatronId == patronId && r.EndsAtUtc > now
            && (r.Status == ReservationStatus.Pending || r.Status == ReservationStatus.Confirmed)
            && res.RequiredCertificationIds.Contains(certificationId)
        select r;

    private static string Day(DateTime? utc) => utc is { } d ? d.ToString("yyyy-MM-dd") : "none";

    private static string Until(DateTime? expiresAtUtc) => expiresAtUtc is { } e ? $"until {e:yyyy-MM-dd}" : "with no expiry";
}
