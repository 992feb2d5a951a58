using Booking.Data;
using Booking.Data.Identity;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.Domain.Sessions;
using Booking.Workflows.Reservations;
using Booking.Workflows.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Booking.Workflows.Privacy;

/// <summary>
/// Removes personal data: what is older than the retention period (the privacy sweep), or all of one patron's when they
/// close their account. Rows are anonymised, not deleted, where reports count them: the resource, times and status stay,
/// the person goes (the rows name <see cref="AnonymisedPatron"/>, keep no notes and no reasons in words).
/// </summary>
public sealed class PersonalData(BookingDbContext db, TimeProvider clock, ReservationActions reservations, SessionRegistrations sessions)
{
    private const int BatchSize = 500;

    /// <summary>
    /// Anonymises reservations, waiting-list entries and session registrations that ended before
    /// <paramref name="cutoffUtc"/>; deletes notifications written and suspensions ended before it, networking
    /// opt-ins, requests and idle profiles (<see cref="ForgetNetworkingAsync"/>), and partners' client requests. Idempotent.
    /// </summary>
    public async Task<int> ForgetOlderThanAsync(DateTime cutoffUtc, CancellationToken ct)
    {
        var users = db.Users;
        var standIn = await AnonymisedPatron.EnsureAsync(db, ct);
        var touched = await AnonymiseAsync(
            db.Reservations.Where(r => r.EndsAtUtc < cutoffUtc && r.PatronId != standIn),
            r => r.Anonymise(standIn), ct);
        var cutoffDay = DateOnly.FromDateTime(cutoffUtc).AddDays(-1);
        touched += await AnonymiseAsync(
            db.ReservationSeries.Where(s => s.LastDate < cutoffDay && s.PatronId != standIn),
            s => s.Anonymise(standIn), ct);
        touched += await AnonymiseAsync(
            db.WaitlistEntries.Where(w => w.EndsAtUtc < cutoffUtc && w.PatronId != standIn),
            w => w.Anonymise(standIn), ct);
        touched += await AnonymiseAsync(
            db.SessionRegistrations.Where(r => db.Sessions.Any(s => s.Id == r.SessionId && s.EndsAtUtc < cutoffUtc) && users.Any(u => u.Id == r.PatronId)),
            r => r.Anonymise(), ct);
        touched += await db.Notifications.Where(n => n.CreatedAtUtc < cutoffUtc).ExecuteDeleteAsync(ct);
        touched += await ForgetNetworkingAsync(cutoffUtc, ct);
        // Partners' requests to take a patron on as a client, asked or answered before the cutoff (long lapsed by then:
        // a request is open for 30 days). A client link the patron agreed to stays until they stop it or close the account.
        touched += await db.PartnerClientRequests.Where(r => (r.AnsweredAtUtc ?? r.CreatedAtUtc) < cutoffUtc).ExecuteDeleteAsync(ct);
        touched += await db.BookingSuspensions.Where(s => s.EndsAtUtc < cutoffUtc || s.LiftedAtUtc < cutoffUtc).ExecuteDeleteAsync(ct);
        return touched;
    }

    /// <summary>
    /// Closes a patron's account: their upcoming reservations and session places are cancelled first (the waiting lists
    /// move on as for any cancellation), then every row that names them is anonymised or deleted, and the account goes.
    /// Refused while they hold something they borrowed. Safe to run again if it stopped half way.
    /// </summary>
    public async Task CloseAccountAsync(Guid patronId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // A laptop not yet returned, or a visit under way: the desk must see them through first.
        if (await db.Reservations.AnyAsync(r => r.PatronId == patronId && r.Status == ReservationStatus.CheckedIn && (r.KindCode == KnownKinds.Laptop || r.EndsAtUtc > now), ct))
        {
            throw new DomainException(new BookingRefusal(ErrorCodes.InvalidState, RefusalReasons.ReturnFirst));
        }

        var actor = new Actor(patronId, IsStaff: false);
        var upcoming = await db.Reservations
            .Where(r => r.PatronId == patronId && (r.Status == ReservationStatus.Pending || r.Status == ReservationStatus.Confirmed) && r.EndsAtUtc > now)
            .Select(r => r.Id).ToListAsync(ct);
        foreach (var id in upcoming)
        {
            await reservations.CancelAsync(actor, id, "The account was closed.", ct);
        }

        var places = await db.SessionRegistrations
            .Where(r => r.PatronId == patronId && r.Status != RegistrationStatus.Cancelled && db.Sessions.Any(s => s.Id == r.SessionId && s.StartsAtUtc > now))
            .Select(r => r.SessionId).ToListAsync(ct);
        foreach (var sessionId in places)
        {
            await sessions.CancelMineAsync(patronId, sessionId, ct);
        }

        db.ChangeTracker.Clear();
        foreach (var entry in await db.WaitlistEntries.Where(w => w.PatronId == patronId && (w.Status == WaitlistStatus.Waiting || w.Status == WaitlistStatus.Offered)).ToListAsync(ct))
        {
            entry.Withdraw();
        }

        await db.SaveChangesAsync(ct);
        var standIn = await AnonymisedPatron.EnsureAsync(db, ct);
        await AnonymiseAsync(db.Reservations.Where(r => r.PatronId == patronId), r => r.Anonymise(standIn), ct);
        await AnonymiseAsync(db.ReservationSeries.Where(s => s.PatronId == patronId), s => s.Anonymise(standIn), ct);
        await AnonymiseAsync(db.WaitlistEntries.Where(w => w.PatronId == patronId), w => w.Anonymise(standIn), ct);
        await AnonymiseAsync(db.SessionRegistrations.Where(r => r.PatronId == patronId), r => r.Anonymise(), ct);
        await AnonymiseAsync(db.CertificationGrants.Where(g => g.PatronId == patronId), g => g.Anonymise(standIn), ct);
        // Survey answers stay counted, linked to no one.
        await AnonymiseAsync(db.SurveyResponses.Where(r => r.PatronId == patronId), r => r.Anonymise(), ct);
        await db.Notifications.Where(n => n.RecipientId == patronId).ExecuteDeleteAsync(ct);
        await db.ConnectionRequests.Where(r => r.FromPatronId == patronId || r.ToPatronId == patronId).ExecuteDeleteAsync(ct);
        await db.NetworkingConsents.Where(c => c.PatronId == patronId).ExecuteDeleteAsync(ct);
        await db.NetworkingProfiles.Where(p => p.PatronId == patronId).ExecuteDeleteAsync(ct);
        await db.PartnerClientRequests.Where(r => r.PatronId == patronId).ExecuteDeleteAsync(ct);
        await db.PartnerClients.Where(c => c.PatronId == patronId).ExecuteDeleteAsync(ct);
        await db.CalendarFeeds.Where(f => f.PatronId == patronId).ExecuteDeleteAsync(ct);
        await db.BookingSuspensions.Where(s => s.PatronId == patronId).ExecuteDeleteAsync(ct);
        // Identity's own rows (roles, logins, tokens) go with the account through their foreign keys.
        await db.Users.Where(u => u.Id == patronId).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// Networking is deleted, not anonymised (nothing counts it): opt-ins and requests to connect of sessions that ended
    /// before the cutoff, and profiles unchanged since then that are no longer shown at any session.
    /// </summary>
    private async Task<int> ForgetNetworkingAsync(DateTime cutoffUtc, CancellationToken ct)
    {
        var ended = db.Sessions.Where(s => s.EndsAtUtc < cutoffUtc).Select(s => s.Id);
        var touched = await db.ConnectionRequests.Where(r => ended.Contains(r.SessionId)).ExecuteDeleteAsync(ct);
        touched += await db.NetworkingConsents.Where(c => ended.Contains(c.SessionId)).ExecuteDeleteAsync(ct);
        touched += await db.NetworkingProfiles
            .Where(p => p.UpdatedAtUtc < cutoffUtc && !db.NetworkingConsents.Any(c => c.PatronId == p.PatronId))
            .ExecuteDeleteAsync(ct);
        return touched;
    }

    /// <summary>Loads, changes and saves in batches, so a first run over years of rows does not hold them all at once.</summary>
    private async Task<int> AnonymiseAsync<T>(IQueryable<T> rows, Action<T> anonymise, CancellationToken ct)
        where T : class
    {
        var total = 0;
        while (true)
        {
            // Ordered by key: every batch is well defined (and EF Core does not warn of a Take without an order at every run).
            var batch = await rows.OrderBy(r => EF.Property<Guid>(r, "Id")).Take(BatchSize).ToListAsync(ct);
            foreach (var row in batch)
            {
                anonymise(row);
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            total += batch.Count;
            if (batch.Count < BatchSize)
            {
                return total;
            }
        }
    }
}
