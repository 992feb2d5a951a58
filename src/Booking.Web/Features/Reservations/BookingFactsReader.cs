using Booking.Data;
using Booking.Domain.Certifications;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Reservations;

/// <summary>Reads what the booking rules need in a few small queries (no query per reservation); three more when the resource requires certifications.</summary>
public static class BookingFactsReader
{
    public static async Task<BookingFacts> ReadAsync(BookingDbContext db, BookingSubject subject, BookingRequest request, DateTime nowUtc, CancellationToken ct)
    {
        var resourceId = subject.Resource.Id;
        var wanted = BookingRules.Blocked(request.Interval, subject.Policy.BufferAfterMinutes);

        var taken = await db.Reservations.AsNoTracking()
            .Where(ReservationFilters.IsActive)
            .Where(r => r.ResourceId == resourceId && r.StartsAtUtc < wanted.End && r.BlockedUntilUtc > wanted.Start)
            .Select(r => new { r.StartsAtUtc, r.BlockedUntilUtc })
            .ToListAsync(ct);

        var maintenance = await db.MaintenanceBlocks.AsNoTracking()
            .Where(m => m.ResourceId == resourceId && m.LiftedAtUtc == null && m.StartsAtUtc < request.Interval.End && m.EndsAtUtc > request.Interval.Start)
            .Select(m => new { m.StartsAtUtc, m.EndsAtUtc, m.Reason })
            .ToListAsync(ct);

        var kind = subject.Resource.KindCode;
        var patronId = request.PatronId;
        var activeOfKind = await db.Reservations.AsNoTracking()
            .Where(ReservationFilters.IsActive)
            .CountAsync(r => r.PatronId == patronId && r.KindCode == kind && r.EndsAtUtc > nowUtc, ct);

        var week = LocalCalendar.WeekOf(request.Interval.Start, subject.Location.TimeZone);
        var inWeek = await db.Reservations.AsNoTracking()
            .Where(ReservationFilters.CountsTowardQuota)
            .Where(r => r.PatronId == patronId && r.KindCode == kind && r.StartsAtUtc >= week.Start && r.StartsAtUtc < week.End)
            .Select(r => new { r.StartsAtUtc, r.EndsAtUtc })
            .ToListAsync(ct);

        var (required, held) = await CertificationsAsync(db, subject.Resource.RequiredCertificationIds, patronId, nowUtc, ct);

        return new BookingFacts
        {
            RequiredCertifications = required,
            HeldCertifications = held,
            Resource = subject.Resource,
            Location = subject.Location,
            Policy = subject.Policy,
            NowUtc = nowUtc,
            Taken = taken.Select(t => new UtcInterval(t.StartsAtUtc, t.BlockedUntilUtc)).ToList(),
            Maintenance = maintenance.Select(m => new MaintenanceWindow(new UtcInterval(m.StartsAtUtc, m.EndsAtUtc), m.Reason)).ToList(),
            PatronActiveOfKind = activeOfKind,
            PatronMinutesInWeek = inWeek.Sum(r => (r.EndsAtUtc - r.StartsAtUtc).TotalMinutes),
        };
    }

    /// <summary>How many upcoming trainings a certification refusal names.</summary>
    private const int TrainingsNamed = 3;

    private static async Task<(IReadOnlyList<RequiredCertification>, IReadOnlyList<HeldCertification>)> CertificationsAsync(
        BookingDbContext db, Guid[] requiredIds, Guid patronId, DateTime nowUtc, CancellationToken ct)
    {
        if (requiredIds.Length == 0)
        {
            return ([], []);
        }

        var definitions = await db.Certifications.AsNoTracking()
            .Where(c => requiredIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Name })
            .ToListAsync(ct);
        var held = await db.CertificationGrants.AsNoTracking()
            .Where(g => g.PatronId == patronId && requiredIds.Contains(g.CertificationId) && g.RevokedAtUtc == null
                && (g.ExpiresAtUtc == null || g.ExpiresAtUtc > nowUtc))
            .Select(g => new HeldCertification(g.CertificationId, g.ExpiresAtUtc))
            .ToListAsync(ct);
        var trainings = await db.Sessions.AsNoTracking()
            .Where(s => s.CertificationId != null && requiredIds.Contains(s.CertificationId.Value) && s.CancelledAtUtc == null && s.StartsAtUtc > nowUtc)
            .OrderBy(s => s.StartsAtUtc)
            .Select(s => new { CertificationId = s.CertificationId!.Value, s.Id, s.Title, s.StartsAtUtc })
            .Take(50)
            .ToListAsync(ct);

        var required = definitions.OrderBy(d => d.Name).Select(d => new RequiredCertification(d.Id, d.Name,
            trainings.Where(t => t.CertificationId == d.Id).Take(TrainingsNamed).Select(t => new UpcomingTraining(t.Id, t.Title, t.StartsAtUtc)).ToList())).ToList();
        return (required, held);
    }
}
