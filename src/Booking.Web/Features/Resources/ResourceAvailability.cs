using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Web.Features.Reservations;
using Booking.Workflows.Reservations;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Resources;

/// <summary>A resource's busy and free time over a range, in UTC: what the API returns and the grid draws.</summary>
public sealed record ResourceTime(BookingSubject Subject, UtcInterval Range, IReadOnlyList<(UtcInterval Interval, string Why)> Busy, IReadOnlyList<UtcInterval> Free)
{
    /// <summary>One query (reservations and maintenance together) whatever the range.</summary>
    public static async Task<ResourceTime> LoadAsync(BookingDbContext db, BookingSubject subject, UtcInterval range, DateTime nowUtc, CancellationToken ct)
    {
        var rows = await BusyRow.ReadAsync(db, [subject.Resource.Id], range, range.End, ct);

        var zone = subject.Location.TimeZone;
        var takenIntervals = rows.Where(r => r.Reason is null).Select(r => new UtcInterval(r.Start, r.End)).OrderBy(t => t.Start).ToList();
        var maintenanceIntervals = rows.Where(r => r.Reason is not null).Select(r => new UtcInterval(r.Start, r.End)).ToList();
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

/// <summary>A resource's busy stretch: a reservation (buffer included, no reason) or maintenance (with its reason).</summary>
internal sealed class BusyRow
{
    public Guid ResourceId { get; init; }

    public DateTime Start { get; init; }

    public DateTime End { get; init; }

    public string? Reason { get; init; }

    /// <summary>Active reservations reaching into [start, reach) and maintenance overlapping the interval, in one UNION ALL.</summary>
    public static async Task<List<BusyRow>> ReadAsync(BookingDbContext db, List<Guid> ids, UtcInterval interval, DateTime reach, CancellationToken ct) =>
        (await ReadStampedAsync(db, ids, interval, reach, ct)).Rows;

    /// <summary>
    /// As <see cref="ReadAsync"/>, with the catalogue's stamp in the same statement (one more row, with no resource),
    /// for a node that answers from its copy of the catalogue (<see cref="Availability.KindCatalogues"/>).
    /// </summary>
    public static async Task<(List<BusyRow> Rows, string? Stamp)> ReadStampedAsync(BookingDbContext db, List<Guid> ids, UtcInterval interval, DateTime reach, CancellationToken ct)
    {
        var rows = new List<BusyRow>();
        string? stamp = null;
        await foreach (var row in Stamped(db, ids, interval.Start, interval.End, reach).WithCancellation(ct))
        {
            if (row.ResourceId == Guid.Empty)
            {
                stamp = row.Reason;
            }
            else
            {
                rows.Add(row);
            }
        }

        return (rows, stamp);
    }

    // Compiled once: the availability answer runs it on every request, and building, matching and parameterising the
    // LINQ tree each time cost more of the app's CPU than reading the rows. Maintenance first: its reason (text) types
    // the union's last column; the stamp's row has no resource.
    private static readonly Func<BookingDbContext, List<Guid>, DateTime, DateTime, DateTime, IAsyncEnumerable<BusyRow>> Stamped =
        EF.CompileAsyncQuery((BookingDbContext db, List<Guid> ids, DateTime start, DateTime end, DateTime reach) =>
            db.MaintenanceBlocks.AsNoTracking()
                .Where(m => ids.Contains(m.ResourceId) && m.LiftedAtUtc == null && m.StartsAtUtc < end && m.EndsAtUtc > start)
                .Select(m => new BusyRow { ResourceId = m.ResourceId, Start = m.StartsAtUtc, End = m.EndsAtUtc, Reason = m.Reason })
                .Concat(db.Reservations.AsNoTracking().Where(ReservationFilters.IsActive)
                    .Where(r => ids.Contains(r.ResourceId) && r.StartsAtUtc < reach && r.BlockedUntilUtc > start)
                    .Select(r => new BusyRow { ResourceId = r.ResourceId, Start = r.StartsAtUtc, End = r.BlockedUntilUtc, Reason = null }))
                .Concat(db.CatalogueVersions.AsNoTracking()
                    .Select(v => new BusyRow { ResourceId = Guid.Empty, Start = start, End = start, Reason = v.Stamp })));
}
