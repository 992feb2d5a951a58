using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Workflows.Notifications;
using Booking.Workflows.Reservations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Booking.Workflows.Waitlist;

/// <summary>
/// When a slot frees, offers it to the first patron in line who can still book it, held for them alone.
/// Runs inside the freeing transaction (which holds the resource's lock), so two racing
/// cancellations offer each waiting patron at most once.
/// </summary>
public sealed class WaitlistOffers(BookingDbContext db, TimeProvider clock, IConfiguration configuration)
{
    public TimeSpan OfferHold => TimeSpan.FromMinutes(configuration.GetValue("Booking:Waitlist:OfferMinutes", 30));

    /// <summary>Offers <paramref name="freed"/> down the line. Call after saving the change that freed it.</summary>
    /// <summary>Offers a slot of <paramref name="resourceId"/> freed by a sweep; call inside the transaction that freed it, under the resource's lock.</summary>
    public async Task<int> OfferFreedAsync(Guid resourceId, UtcInterval freed, CancellationToken ct) =>
        await BookingSubject.LoadAsync(db, resourceId, ct) is { } subject ? await OfferFreedAsync(subject, freed, ct) : 0;

    public async Task<int> OfferFreedAsync(BookingSubject subject, UtcInterval freed, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var resourceId = subject.Resource.Id;
        var waiting = await db.WaitlistEntries
            .Where(w => w.ResourceId == resourceId && w.Status == WaitlistStatus.Waiting
                && w.StartsAtUtc < freed.End && w.EndsAtUtc > freed.Start && w.StartsAtUtc > now)
            .OrderBy(w => w.LineNumber)
            .ToListAsync(ct);

        var offered = 0;
        foreach (var entry in waiting)
        {
            var request = new BookingRequest(entry.PatronId, entry.Interval);
            var facts = await BookingFactsReader.ReadAsync(db, subject, request, now, ct);
            if (BookingRules.Check(request, facts) is not null)
            {
                continue; // not (or no longer) eligible: the next in line gets the chance
            }

            var expires = now + OfferHold;
            var reservation = Reservation.Offer(subject.Resource, subject.Policy, entry.PatronId, entry.Interval, expires, now);
            db.Reservations.Add(reservation);
            entry.Offered(reservation.Id, now);
            db.Notifications.Add(Notices.WaitlistOffer(entry.PatronId, reservation.Id, subject, entry.Interval, expires, now));
            await db.SaveChangesAsync(ct);
            offered++;
        }

        return offered;
    }

    /// <summary>Lapses offers not accepted in time and offers each slot to the next in line. Idempotent.</summary>
    public async Task<int> LapseDueOffersAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Reservations
            .Where(r => r.Status == ReservationStatus.Pending && r.OfferExpiresAtUtc != null && r.OfferExpiresAtUtc <= now)
            .Select(r => new { r.Id, r.ResourceId })
            .ToListAsync(ct);

        var lapsed = 0;
        foreach (var item in due)
        {
            var subject = await BookingSubject.LoadAsync(db, item.ResourceId, ct);
            if (subject is null)
            {
                continue;
            }

            await using var transaction = await WriteTransaction.BeginAsync(db, ct);
            await transaction.LockResourceAsync(item.ResourceId, ct);
            var reservation = await db.Reservations.FirstAsync(r => r.Id == item.Id, ct);
            if (!reservation.IsAwaitingPatron)
            {
                continue; // accepted or cancelled since we looked
            }

            reservation.Cancel(reservation.PatronId, "The waiting-list offer was not accepted in time.", now);
            var entry = await db.WaitlistEntries.FirstOrDefaultAsync(w => w.OfferedReservationId == reservation.Id, ct);
            entry?.Lapsed();
            await db.SaveChangesAsync(ct);
            await OfferFreedAsync(subject, reservation.Interval, ct);
            await transaction.CommitAsync(ct);
            lapsed++;
        }

        return lapsed;
    }
}
