using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Locations;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
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
    /// One query when this node has a current copy of the kind's resources (<see cref="KindCatalogues"/>): their
    /// reservations and maintenance as one UNION ALL, with the catalogue's stamp. Otherwise the resources and their
    /// branches are read first (two more). <paramref name="intervalAt"/> gives the interval at each branch (its zone,
    /// its opening hours for "all day"), or null when there is none.
    /// </summary>
    public static async Task<List<Answer>> CheckAsync(BookingDbContext db, KindCatalogues catalogues, string? kind, Guid? locationId,
        Func<Location, UtcInterval?> intervalAt, DateTime nowUtc, CancellationToken ct)
    {
        var copy = catalogues.Find(kind, locationId);
        while (true)
        {
            var kept = copy is not null;
            copy ??= await catalogues.ReadAsync(db, kind, locationId, ct);
            if (copy.Candidates.Count == 0)
            {
                return [];
            }

            var intervals = copy.Locations.Values.ToDictionary(l => l.Id, intervalAt);
            var asked = intervals.Values.OfType<UtcInterval>().ToList();
            if (asked.Count == 0)
            {
                if (kept)
                {
                    // Closed everywhere by this copy's hours: no busy time to read, so no stamp either; ask afresh.
                    copy = null;
                    continue;
                }

                return copy.Candidates.Select(c => new Answer(c, copy.Locations[c.Resource.LocationId], null, null)).ToList();
            }

            var ids = copy.Candidates.Select(c => c.Resource.Id).ToList();
            var policies = copy.Candidates.ToDictionary(c => c.Resource.Id, c => c.Resource.EffectivePolicy(c.Kind.DefaultPolicy));
            var maxBuffer = policies.Values.Max(p => p.BufferAfterMinutes);
            var envelope = new UtcInterval(asked.Min(i => i.Start), asked.Max(i => i.End));
            var (rows, stamp) = await BusyRow.ReadStampedAsync(db, ids, envelope, envelope.End.AddMinutes(maxBuffer), ct);
            if (kept && stamp != copy.Stamp)
            {
                // The catalogue changed since this copy: read it again, and the busy time of what it holds now.
                copy = null;
                continue;
            }

            return Answers(copy, intervals, policies, rows.ToLookup(b => b.ResourceId), nowUtc);
        }
    }

    private static List<Answer> Answers(KindCatalogues.Copy copy, Dictionary<Guid, UtcInterval?> intervals, Dictionary<Guid, BookingPolicy> policies,
        ILookup<Guid, BusyRow> busy, DateTime nowUtc) =>
        copy.Candidates.Select(c =>
        {
            var location = copy.Locations[c.Resource.LocationId];
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
