using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Web.Features.Reservations;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Availability;

/// <summary>A resource's busy and free time over a range, in UTC: what the API returns and the grid draws.</summary>
public sealed record ResourceTime(BookingSubject Subject, UtcInterval Range, IReadOnlyList<(UtcInterval Interval, string Why)> Busy, IReadOnlyList<UtcInterval> Free)
{
    /// <summary>Two queries (reservations, maintenance) whatever the range.</summary>
    public static async Task<ResourceTime> LoadAsync(BookingDbContext db, BookingSubject subject, UtcInterval range, DateTime nowUtc, CancellationToken ct)
    {
        var id = subject.Resource.Id;
        var taken = await db.Reservations.AsNoTracking().Where(ReservationFilters.IsActive)
            .Where(r => r.ResourceId == id && r.StartsAtUtc < range.End && r.BlockedUntilUtc > range.Start)
            .OrderBy(r => r.StartsAtUtc)
            .Select(r => new { r.StartsAtUtc, r.BlockedUntilUtc }).ToListAsync(ct);
        var maintenance = await db.MaintenanceBlocks.AsNoTracking()
            .Where(m => m.ResourceId == id && m.LiftedAtUtc == null && m.StartsAtUtc < range.End && m.EndsAtUtc > range.Start)
            .Select(m => new { m.StartsAtUtc, m.EndsAtUtc }).ToListAsync(ct);

        var zone = subject.Location.TimeZone;
        var takenIntervals = taken.Select(t => new UtcInterval(t.StartsAtUtc, t.BlockedUntilUtc)).ToList();
        var maintenanceIntervals = maintenance.Select(m => new UtcInterval(m.StartsAtUtc, m.EndsAtUtc)).ToList();
        var closures = subject.Location.Closures
            .Select(c => new UtcInterval(LocalCalendar.ToUtc(c.StartsLocal, zone), LocalCalendar.ToUtc(c.EndsLocal, zone)))
            .Where(c => c.Overlaps(range));

        var busy = takenIntervals.Select(t => (t, "reserved"))
            .Concat(maintenanceIntervals.Select(m => (m, "maintenance")))
            .Concat(closures.Select(c => (c, "closed")))
            .OrderBy(b => b.Item1.Start)
            .ToList();

        // Free time starts no earlier than a patron may book (lead time), and none while out of service.
        var bookableFrom = nowUtc.AddMinutes(subject.Policy.LeadTimeMinutes);
        var freeRange = new UtcInterval(range.Start > bookableFrom ? range.Start : bookableFrom, range.End);
        var free = subject.Resource.IsOutOfService || freeRange.IsEmpty
            ? []
            : FreeTime.Windows(subject.Location, subject.Policy, freeRange, takenIntervals, maintenanceIntervals);
        return new ResourceTime(subject, range, busy, free);
    }

    /// <summary>True when a booking of the minimum duration can start at <paramref name="startUtc"/>.</summary>
    public bool CanStartAt(DateTime startUtc)
    {
        var end = startUtc.AddMinutes(Subject.Policy.MinDurationMinutes);
        return Free.Any(f => f.Start <= startUtc && end <= f.End);
    }
}
