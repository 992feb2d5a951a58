using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Notifications;
using Booking.Domain.Reservations;
using Booking.Jobs.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Booking.Jobs.Sweeps;

/// <summary>
/// Releases confirmed reservations nobody checked in to once start + grace has passed: status
/// <c>no-show</c> (kept on record), the slot freed and offered to the waiting list, the patron told. Works in
/// batches: each batch runs in one write transaction under its resources' locks and re-reads the statuses
/// there, so a check-in or cancellation that won the race is left alone and no reservation is released
/// twice. Too many no-shows of one kind suspend the patron's new bookings of that kind for a while.
/// </summary>
public sealed class NoShowSweep(BookingDbContext db, IWaitlist waitlist, JobsOptions options, TimeProvider clock, ILogger<NoShowSweep> logger) : ISweep
{
    /// <summary>No grace is longer than this; older confirmed reservations are still swept (a long outage).</summary>
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(14);

    private const string Reason = "Not checked in within the grace period.";

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var oldest = now - Horizon;
        if (!await db.Reservations.AnyAsync(r => r.Status == ReservationStatus.Confirmed && r.StartsAtUtc <= now && r.StartsAtUtc > oldest, ct))
        {
            return 0;
        }

        // Graces differ by kind and by per-resource override: one pass per distinct effective grace, so every
        // candidate a query returns is due and each batch makes progress.
        var resources = await ResourceFacts.LoadAllAsync(db, ct);
        var released = 0;
        foreach (var group in resources.Values.GroupBy(r => r.Policy.NoShowGraceMinutes))
        {
            var resourceIds = group.Select(r => r.Resource.Id).ToList();
            var dueBefore = now.AddMinutes(-group.Key);
            while (true)
            {
                var batch = await db.Reservations.AsNoTracking()
                    .Where(r => r.Status == ReservationStatus.Confirmed && r.StartsAtUtc <= dueBefore && r.StartsAtUtc > oldest
                        && resourceIds.Contains(r.ResourceId))
                    .OrderBy(r => r.StartsAtUtc)
                    .Select(r => new Candidate(r.Id, r.ResourceId, r.PatronId, r.KindCode, r.StartsAtUtc, r.EndsAtUtc))
                    .Take(options.SweepBatchSize)
                    .ToListAsync(ct);
                if (batch.Count == 0)
                {
                    break;
                }

                released += await ReleaseAsync(batch, resources, now, ct);
            }
        }

        return released;
    }

    private async Task<int> ReleaseAsync(List<Candidate> batch, Dictionary<Guid, ResourceFacts> resources, DateTime now, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        await transaction.LockResourcesAsync(batch.Select(c => c.ResourceId), ct);

        // Re-read under the locks: whatever was checked in, cancelled or released since we looked is left alone.
        var ids = batch.Select(c => c.Id).ToList();
        var stillConfirmed = (await db.Reservations.AsNoTracking()
            .Where(r => ids.Contains(r.Id) && r.Status == ReservationStatus.Confirmed)
            .Select(r => r.Id)
            .ToListAsync(ct)).ToHashSet();
        var releasing = batch.Where(c => stillConfirmed.Contains(c.Id)).ToList();
        if (releasing.Count == 0)
        {
            await transaction.CommitAsync(ct);
            return 0;
        }

        var releasingIds = releasing.Select(c => c.Id).ToList();
        await db.Reservations
            .Where(r => releasingIds.Contains(r.Id) && r.Status == ReservationStatus.Confirmed)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, ReservationStatus.NoShow)
                .SetProperty(r => r.StatusReason, Reason)
                .SetProperty(r => r.CancelledAtUtc, (DateTime?)now), ct);

        var notifications = releasing.Select(c =>
        {
            var facts = resources[c.ResourceId];
            return new Notification(c.PatronId, NotificationKinds.NoShow,
                $"Your reservation of {facts.Resource.Name} was released",
                $"You did not check in within {facts.Policy.NoShowGraceMinutes} minutes of the start of your reservation ({facts.Describe(c.Interval)}), so it was released for others. If this is a mistake, please talk to staff at the desk.",
                c.Id, now);
        }).ToList();
        await NotificationBatch.InsertAsync(db, notifications, [], now, ct);
        await OfferToWaitingAsync(releasing, now, ct);
        await SuspendIfTooManyAsync(releasing, resources, now, ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        logger.LogInformation("{Count} reservations released as no-shows", releasing.Count);
        return releasing.Count;
    }

    /// <summary>Offers each freed slot down the line, but only where someone waits for that resource and time.</summary>
    private async Task OfferToWaitingAsync(List<Candidate> released, DateTime now, CancellationToken ct)
    {
        var resourceIds = released.Select(c => c.ResourceId).Distinct().ToList();
        var waiting = (await db.WaitlistEntries.AsNoTracking()
            .Where(w => resourceIds.Contains(w.ResourceId) && w.Status == WaitlistStatus.Waiting && w.StartsAtUtc > now)
            .Select(w => new { w.ResourceId, w.StartsAtUtc, w.EndsAtUtc })
            .ToListAsync(ct))
            .ToLookup(w => w.ResourceId);
        foreach (var c in released.Where(c => waiting[c.ResourceId].Any(w => w.StartsAtUtc < c.EndsAtUtc && w.EndsAtUtc > c.StartsAtUtc)))
        {
            await waitlist.OfferFreedAsync(c.ResourceId, c.Interval, ct);
        }
    }

    /// <summary>The strike check once per (patron, kind) released in this batch, with two set queries.</summary>
    private async Task SuspendIfTooManyAsync(List<Candidate> released, Dictionary<Guid, ResourceFacts> resources, DateTime now, CancellationToken ct)
    {
        var pairs = released.GroupBy(c => (c.PatronId, c.KindCode)).ToList();
        var patronIds = pairs.Select(p => p.Key.PatronId).Distinct().ToList();
        var kindCodes = pairs.Select(p => p.Key.KindCode).Distinct().ToList();
        var suspensions = (await db.BookingSuspensions.AsNoTracking()
            .Where(s => patronIds.Contains(s.PatronId) && kindCodes.Contains(s.KindCode))
            .ToListAsync(ct))
            .ToLookup(s => (s.PatronId, s.KindCode));

        // Grouped by release time: one row per patron, kind and sweep run, not one per no-show.
        var windowStart = now.AddDays(-options.StrikeWindowDays);
        var noShows = (await db.Reservations.AsNoTracking()
            .Where(r => patronIds.Contains(r.PatronId) && kindCodes.Contains(r.KindCode) && r.Status == ReservationStatus.NoShow && r.CancelledAtUtc > windowStart)
            .GroupBy(r => new { r.PatronId, r.KindCode, r.CancelledAtUtc })
            .Select(g => new { g.Key.PatronId, g.Key.KindCode, g.Key.CancelledAtUtc, Count = g.Count() })
            .ToListAsync(ct))
            .ToLookup(n => (n.PatronId, n.KindCode));

        var suspended = 0;
        foreach (var pair in pairs)
        {
            var (patronId, kind) = pair.Key;
            var earlier = suspensions[pair.Key].ToList();
            if (earlier.Any(s => s.IsInForce(now)))
            {
                continue;
            }

            // No-shows already punished by an earlier suspension do not count again.
            var since = windowStart;
            if (earlier.Count > 0)
            {
                var lastStart = earlier.Max(s => s.StartsAtUtc);
                since = lastStart > since ? lastStart : since;
            }

            var strikes = noShows[pair.Key].Where(n => n.CancelledAtUtc > since).Sum(n => n.Count);
            if (strikes < options.StrikeCount)
            {
                continue;
            }

            var facts = resources[pair.Last().ResourceId];
            var until = now.AddDays(options.SuspensionDays);
            var kindName = facts.Kind.Name;
            var untilText = LocalCalendar.Describe(until, facts.Location.TimeZone);
            var reason = $"{strikes} reservations of {kindName} not claimed in the last {options.StrikeWindowDays} days.";
            db.BookingSuspensions.Add(new BookingSuspension(patronId, kind, now, until, reason));
            db.Notifications.Add(new Notification(patronId, NotificationKinds.Suspended,
                $"You cannot book {kindName} until {untilText}",
                $"You missed {strikes} reservations of {kindName} in the last {options.StrikeWindowDays} days without cancelling, so you cannot make new bookings of {kindName} until {untilText} ({facts.Location.TimeZoneId}). Your other bookings are not affected. If something kept you away, staff at the desk can lift this.",
                null, now));
            suspended++;
            logger.LogInformation("Patron {PatronId} suspended from booking {Kind} until {Until}", patronId, kind, until);
        }

        if (suspended > 0)
        {
            await db.SaveChangesAsync(ct);
        }
    }

    private sealed record Candidate(Guid Id, Guid ResourceId, Guid PatronId, string KindCode, DateTime StartsAtUtc, DateTime EndsAtUtc)
    {
        public UtcInterval Interval => new(StartsAtUtc, EndsAtUtc);
    }
}
