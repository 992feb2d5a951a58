using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Locations;
using Booking.Domain.Reservations;
using Booking.Web.Features.Resources;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Availability;

/// <summary>
/// Which resources of a kind can be booked for an interval, and why not: the one computation behind
/// <c>GET /api/v1/availability</c> and the home page's search.
/// </summary>
public static class KindAvailability
{
    /// <summary>One resource's answer: the interval asked at its branch (null when the branch is closed all that day) and the refusal, if any.</summary>
    public sealed record Answer(ResourceQueries.Row Row, Location Location, UtcInterval? Interval, BookingRefusal? Refusal)
    {
        public bool Free => Interval is not null && Refusal is null;
    }

    /// <summary>
    /// Three queries whatever the number of resources (the resources, their reservations and maintenance as one
    /// UNION ALL, their branches). <paramref name="intervalAt"/> gives the interval at each branch (its zone, its
    /// opening hours for "all day"), or null when there is none.
    /// </summary>
    public static async Task<List<Answer>> CheckAsync(BookingDbContext db, string? kind, Guid? locationId,
        Func<Location, UtcInterval?> intervalAt, DateTime nowUtc, CancellationToken ct)
    {
        var query = ResourceQueries.Views(db);
        if (!string.IsNullOrEmpty(kind))
        {
            query = query.Where(r => r.Resource.KindCode == kind);
        }

        if (locationId is { } loc)
        {
            query = query.Where(r => r.Resource.LocationId == loc);
        }

        var candidates = await query.OrderBy(r => r.Resource.Name).ToListAsync(ct);
        if (candidates.Count == 0)
        {
            return [];
        }

        var locationIds = candidates.Select(c => c.Resource.LocationId).Distinct().ToList();
        var locations = await db.Locations.AsNoTracking().Where(l => locationIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);
        var intervals = locations.Values.ToDictionary(l => l.Id, intervalAt);
        var asked = intervals.Values.OfType<UtcInterval>().ToList();
        if (asked.Count == 0)
        {
            return candidates.Select(c => new Answer(c, locations[c.Resource.LocationId], null, null)).ToList();
        }

        var ids = candidates.Select(c => c.Resource.Id).ToList();
        var policies = candidates.ToDictionary(c => c.Resource.Id, c => c.Resource.EffectivePolicy(c.Kind.DefaultPolicy));
        var maxBuffer = policies.Values.Max(p => p.BufferAfterMinutes);
        var envelope = new UtcInterval(asked.Min(i => i.Start), asked.Max(i => i.End));
        var busy = (await BusyRow.ReadAsync(db, ids, envelope, envelope.End.AddMinutes(maxBuffer), ct)).ToLookup(b => b.ResourceId);

        return candidates.Select(c =>
        {
            var location = locations[c.Resource.LocationId];
            if (intervals[location.Id] is not { } interval)
            {
                return new Answer(c, location, null, null);
            }

            var rows = busy[c.Resource.Id];
            var facts = new BookingFacts
            {
                Resource = c.Resource,
                Location = location,
                Policy = policies[c.Resource.Id],
                NowUtc = nowUtc,
                Taken = rows.Where(b => b.Reason is null).Select(b => new UtcInterval(b.Start, b.End)).ToList(),
                Maintenance = rows.Where(b => b.Reason is not null).Select(b => new MaintenanceWindow(new UtcInterval(b.Start, b.End), b.Reason!)).ToList(),
            };
            var request = new BookingRequest(Guid.Empty, interval);
            var refusal = ResourceRules.Select(rule => rule(request, facts)).FirstOrDefault(r => r is not null);
            return new Answer(c, location, interval, refusal);
        }).ToList();
    }

    /// <summary>The rules about the resource and the time, not about who asks (quotas and lead time are checked on booking).</summary>
    private static readonly Func<BookingRequest, BookingFacts, BookingRefusal?>[] ResourceRules =
    [
        BookingRules.ResourceMustBeInService,
        BookingRules.DurationMustFitPolicy,
        BookingRules.MustBeWithinOpeningHours,
        BookingRules.MustAvoidClosures,
        BookingRules.MustAvoidMaintenance,
        BookingRules.SlotMustBeFree,
    ];
}
