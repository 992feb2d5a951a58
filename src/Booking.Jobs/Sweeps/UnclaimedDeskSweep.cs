using Booking.Data;
using Booking.Domain.Reservations;
using Booking.Jobs.Configuration;
using Booking.Workflows.Reservations;
using Booking.Workflows.Waitlist;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Booking.Jobs.Sweeps;

/// <summary>
/// Gives a networking session's desks that no attendee claimed back to public booking once the session is
/// <c>Sessions:ReleaseUnclaimedDesksBefore</c> (2 hours) away: their holds are cancelled and the freed time is offered
/// to the waiting list. Each session is done in one write transaction under its desks' and its own locks, re-reading
/// what is still in the pool, so a doubled run, a second node or a claim that won the race changes nothing.
/// </summary>
public sealed class UnclaimedDeskSweep(BookingDbContext db, WaitlistOffers waitlist, JobsOptions options, TimeProvider clock, ILogger<UnclaimedDeskSweep> logger) : ISweep
{
    /// <summary>The reason kept on a released hold.</summary>
    public const string Reason = "Not claimed by an attendee before the session: back to public booking.";

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + options.ReleaseUnclaimedDesksBefore;
        var due = await (from d in db.SessionDesks.AsNoTracking()
                         join s in db.Sessions.AsNoTracking() on d.SessionId equals s.Id
                         where d.RegistrationId == null && d.ReleasedAtUtc == null && s.CancelledAtUtc == null
                               && s.StartsAtUtc <= until && s.StartsAtUtc > now
                         select s.Id).Distinct().Take(options.SweepBatchSize).ToListAsync(ct);
        var released = 0;
        foreach (var sessionId in due)
        {
            released += await ReleaseAsync(sessionId, now, ct);
        }

        return released;
    }

    private async Task<int> ReleaseAsync(Guid sessionId, DateTime now, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var deskIds = await db.SessionDesks.AsNoTracking().Where(d => d.SessionId == sessionId).Select(d => d.ResourceId).ToListAsync(ct);
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        await transaction.LockResourcesAsync(deskIds, ct);
        await transaction.LockSessionAsync(sessionId, ct);
        var session = await db.Sessions.Include(s => s.Desks).FirstAsync(s => s.Id == sessionId, ct);
        var desks = session.DesksToRelease(options.ReleaseUnclaimedDesksBefore, now);
        if (desks.Count == 0)
        {
            await transaction.CommitAsync(ct);
            return 0;
        }

        var holdIds = desks.Select(d => d.ReservationId).ToList();
        var freed = await db.Reservations
            .Where(r => holdIds.Contains(r.Id) && (r.Status == ReservationStatus.Pending || r.Status == ReservationStatus.Confirmed))
            .ToListAsync(ct);
        foreach (var hold in freed)
        {
            hold.Cancel(hold.PatronId, Reason, now);
        }

        foreach (var desk in desks)
        {
            session.Release(desk, now);
        }

        await db.SaveChangesAsync(ct);
        foreach (var hold in freed)
        {
            if (await BookingSubject.LoadAsync(db, hold.ResourceId, ct) is { } subject)
            {
                await waitlist.OfferFreedAsync(subject, hold.Interval, ct);
            }
        }

        await transaction.CommitAsync(ct);
        logger.LogInformation("{Count} unclaimed desks of session {SessionId} went back to public booking", desks.Count, sessionId);
        return desks.Count;
    }
}
