using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Workflows.Reservations;
using Microsoft.EntityFrameworkCore;

namespace Booking.Workflows.Waitlist;

/// <summary>What joining a waiting list came to: the place in line, or why not (nothing written then).</summary>
public sealed record WaitlistJoinOutcome(WaitlistEntry? Entry, BookingRefusal? Refusal);

/// <summary>
/// Puts a patron in line for a taken time, for the API and the pages alike: only a time that is taken (every other
/// rule passed) can be waited for; a free time should be booked, and a time refused for another reason would
/// never be offered.
/// </summary>
public sealed class WaitlistJoining(BookingDbContext db, TimeProvider clock)
{
    public async Task<WaitlistJoinOutcome> JoinAsync(Guid patronId, BookingSubject subject, UtcInterval interval, CancellationToken ct)
    {
        var resourceId = subject.Resource.Id;
        var now = clock.GetUtcNow().UtcDateTime;
        var request = new BookingRequest(patronId, interval);
        var refusal = BookingRules.Check(request, await BookingFactsReader.ReadAsync(db, subject, request, now, ct));
        if (refusal is null)
        {
            return Refused(ErrorCodes.Conflict, RefusalReasons.TimeIsFree);
        }

        if (refusal.Code != ErrorCodes.SlotTaken)
        {
            return new WaitlistJoinOutcome(null, refusal); // waiting would not help
        }

        var already = await db.WaitlistEntries.AnyAsync(w => w.PatronId == patronId && w.ResourceId == resourceId
            && (w.Status == WaitlistStatus.Waiting || w.Status == WaitlistStatus.Offered)
            && w.StartsAtUtc < interval.End && w.EndsAtUtc > interval.Start, ct);
        if (already)
        {
            return Refused(ErrorCodes.Conflict, RefusalReasons.AlreadyWaiting);
        }

        var entry = new WaitlistEntry(resourceId, patronId, interval, now);
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        await transaction.LockResourceAsync(resourceId, ct);
        var last = await db.WaitlistEntries.Where(w => w.ResourceId == resourceId).MaxAsync(w => (long?)w.LineNumber, ct) ?? 0;
        entry.PlaceInLine(last + 1);
        db.WaitlistEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new WaitlistJoinOutcome(entry, null);
    }

    private static WaitlistJoinOutcome Refused(string code, string reason) => new(null, new BookingRefusal(code, reason));
}
