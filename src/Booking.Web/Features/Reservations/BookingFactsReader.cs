using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Reservations;

/// <summary>Reads what the booking rules need in four small queries (no query per reservation).</summary>
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

        return new BookingFacts
        {
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
}
