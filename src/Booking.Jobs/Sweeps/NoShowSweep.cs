using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Notifications;
using Booking.Domain.Reservations;
using Booking.Jobs.Configuration;
using Booking.Workflows.Notifications;
using Booking.Workflows.Reservations;
using Booking.Workflows.Sessions;
using Booking.Workflows.Telemetry;
using Booking.Workflows.Waitlist;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Booking.Jobs.Sweeps;

/// <summary>
/// Releases confirmed reservations nobody checked in to once start + grace has passed: status
/// <c>no-show</c> (kept on record), the slot freed and offered to the waiting list, the patron told. Works in
/// batches: each batch runs in one write transaction under its resources' locks and releases only what is still
/// confirmed there, so a check-in or cancellation that won the race is left alone and no reservation is released
/// twice. Too many no-shows of one kind suspend the patron's new bookings of that kind for a while.
/// </summary>
public sealed class NoShowSweep(BookingDbContext db, WaitlistOffers waitlist, DeskHolds desks, JobsOptions options, TimeProvider clock, MakerspaceMetrics metrics, ILogger<NoShowSweep> logger) : ISweep
{
    /// <summary>No grace is longer than this; older confirmed reservations are still swept (a long outage).</summary>
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(14);

    private const string Reason = Reservation.NoShowReason;

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
        var resources = await BookingSubject.LoadAllAsync(db, ct);
        var released = 0;
        var groups = resources.Values.GroupBy(r => r.Policy.NoShowGraceMinutes).ToList();
        foreach (var group in groups)
        {
            var resourceIds = group.Select(r => r.Resource.Id).ToList();
            var dueBefore = now.AddMinutes(-group.Key);
            var due = db.Reservations.AsNoTracking()
                .Where(r => r.Status == ReservationStatus.Confirmed && r.StartsAtUtc <= dueBefore && r.StartsAtUtc > oldest)
                // A networking session's desk in its pool is the session's, not a person's: nobody checks in to it.
                .Where(r => !db.SessionDesks.Any(d => d.ReservationId == r.Id && d.RegistrationId == null));
            if (groups.Count > 1)
            {
                // Only when graces differ: matching each row against hundreds of ids is not free.
                due = due.Where(r => resourceIds.Contains(r.ResourceId));
            }

            var next = due
                .OrderBy(r => r.StartsAtUtc)
                .Select(r => new Candidate(r.Id, r.ResourceId, r.PatronId, r.KindCode, r.StartsAtUtc, r.EndsAtUtc))
                .Take(options.SweepBatchSize);
            while (await ReleaseNextAsync(next, resources, now, ct) is { Found: > 0 } pass)
            {
                released += pass.Released;
                if (pass.Found < options.SweepBatchSize)
                {
                    break; // nothing more was due when this batch was read; the next run finds what falls due meanwhile
                }
            }
        }

        return released;
    }

    /// <summary>Reads the next batch of candidates and releases those still confirmed under their resources' locks.</summary>
    private async Task<(int Found, int Released)> ReleaseNextAsync(IQueryable<Candidate> next, Dictionary<Guid, BookingSubject> resources, DateTime now, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        // Batches differ in their window, size and whose strikes they count: a generic plan once made the strike
        // count ten times slower. The candidates are read in here for the same reason.
        await CustomPlans.ForThisTransactionAsync(db, ct);
        var batch = await next.ToListAsync(ct);
        if (batch.Count == 0)
        {
            await transaction.CommitAsync(ct);
            return (0, 0);
        }

        await transaction.LockResourcesAsync(batch.Select(c => c.ResourceId), ct);

        // Only what is still confirmed under the locks is released: a check-in, cancellation or release that won the
        // race is left alone.
        var update = ReleaseStillConfirmedAsync(batch.Select(c => c.Id).ToArray(), now, ct);
        // The notices are written while the database releases the rows (CPU beside its I/O, a twentieth of the
        // sweep); those of rows a check-in won are dropped unused.
        Dictionary<Guid, Notification> notices;
        try
        {
            notices = batch.ToDictionary(c => c.Id, c => Notices.NoShowReleased(c.PatronId, c.Id, resources[c.ResourceId], c.Interval, now));
        }
        finally
        {
            await Task.WhenAny(update); // never leave the statement running behind an exception
        }

        var stillConfirmed = (await update).ToHashSet();
        var releasing = batch.Where(c => stillConfirmed.Contains(c.Id)).ToList();
        if (releasing.Count == 0)
        {
            await transaction.CommitAsync(ct);
            return (batch.Count, 0);
        }

        var notifications = releasing.Select(c => notices[c.Id]).ToList();
        await NotificationBatch.InsertAsync(db, notifications, [], now, ct);
        // An attendee's desk at a networking session goes back to the session's pool instead of the waiting list.
        var pooled = await desks.ReturnToPoolAsync(transaction, releasing.Select(c => c.Id).ToList(), now, ct);
        await OfferToWaitingAsync(releasing.Where(c => !pooled.Contains(c.Id)).ToList(), now, ct);
        await SuspendIfTooManyAsync(releasing, resources, now, ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        foreach (var kind in releasing.GroupBy(c => c.KindCode))
        {
            metrics.NoShowsReleased(kind.Count(), kind.Key);
        }

        logger.LogInformation("{Count} reservations released as no-shows", releasing.Count);
        return (batch.Count, releasing.Count);
    }

    /// <summary>Marks the ones still confirmed as no-shows and returns their ids: one <c>UPDATE ... RETURNING</c> on PostgreSQL.</summary>
    private async Task<List<Guid>> ReleaseStillConfirmedAsync(Guid[] ids, DateTime now, CancellationToken ct)
    {
        if (db.IsPostgres)
        {
            return await db.Database.SqlQuery<Guid>($"""
                UPDATE "Reservations" SET "Status" = 'no-show', "StatusReason" = {Reason}, "CancelledAtUtc" = {now}
                WHERE "Id" = ANY({ids}) AND "Status" = 'confirmed'
                RETURNING "Id" AS "Value"
                """).ToListAsync(ct);
        }

        // SQLite: the writer lock is held, so a read and then an update see the same rows.
        var confirmed = await db.Reservations.AsNoTracking()
            .Where(r => ids.Contains(r.Id) && r.Status == ReservationStatus.Confirmed)
            .Select(r => r.Id)
            .ToListAsync(ct);
        await db.Reservations
            .Where(r => confirmed.Contains(r.Id))
            .ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Status, ReservationStatus.NoShow)
                .SetProperty(r => r.StatusReason, Reason)
                .SetProperty(r => r.CancelledAtUtc, (DateTime?)now), ct);
        return confirmed;
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

    /// <summary>The strike check once per (patron, kind) released in this batch, in one query.</summary>
    private async Task SuspendIfTooManyAsync(List<Candidate> released, Dictionary<Guid, BookingSubject> resources, DateTime now, CancellationToken ct)
    {
        var pairs = released.GroupBy(c => (c.PatronId, c.KindCode)).ToDictionary(g => g.Key, g => g.Last());
        var rule = options.NoShowStrikes;
        var due = db.IsPostgres
            ? await StrikeCounts.OnPostgresAsync(db, rule, pairs.Keys.ToList(), now, ct)
            : await StrikeCounts.InMemoryAsync(db, rule, pairs.Keys.ToList(), now, ct);

        var suspensions = new List<BookingSuspension>();
        var notices = new List<Notification>();
        foreach (var (patronId, kind, strikes) in due)
        {
            var facts = resources[pairs[(patronId, kind)].ResourceId];
            var kindName = facts.Kind.Name;
            var suspension = rule.Suspend(patronId, kind, kindName, strikes, now);
            suspensions.Add(suspension);
            notices.Add(Notices.Suspended(patronId, kindName, strikes, rule.WindowDays, suspension.EndsAtUtc, facts.Location, now));
            logger.LogInformation("Patron {PatronId} suspended from booking {Kind} until {Until}", patronId, kind, suspension.EndsAtUtc);
        }

        await InsertAsync(suspensions, ct);
        await NotificationBatch.InsertAsync(db, notices, [], now, ct);
    }

    /// <summary>One <c>INSERT ... FROM unnest</c> on PostgreSQL (a catch-up after an outage can suspend thousands at once).</summary>
    private async Task InsertAsync(List<BookingSuspension> suspensions, CancellationToken ct)
    {
        if (suspensions.Count == 0)
        {
            return;
        }

        if (!db.IsPostgres)
        {
            db.BookingSuspensions.AddRange(suspensions);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            return;
        }

        var ids = suspensions.Select(s => s.Id).ToArray();
        var patrons = suspensions.Select(s => s.PatronId).ToArray();
        var kinds = suspensions.Select(s => s.KindCode).ToArray();
        var starts = suspensions.Select(s => s.StartsAtUtc).ToArray();
        var ends = suspensions.Select(s => s.EndsAtUtc).ToArray();
        var reasons = suspensions.Select(s => s.Reason).ToArray();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "BookingSuspensions" ("Id", "PatronId", "KindCode", "StartsAtUtc", "EndsAtUtc", "Reason")
            SELECT * FROM unnest({ids}, {patrons}, {kinds}, {starts}, {ends}, {reasons})
            """, ct);
    }

    private sealed record Candidate(Guid Id, Guid ResourceId, Guid PatronId, string KindCode, DateTime StartsAtUtc, DateTime EndsAtUtc)
    {
        public UtcInterval Interval => new(StartsAtUtc, EndsAtUtc);
    }
}
