using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Microsoft.EntityFrameworkCore;

namespace Booking.Workflows.Reservations;

/// <summary>
/// "This and the rest of the series": cancels the series' pending and confirmed dates that start at or after a moment
/// and are still ahead; past, checked-in and already cancelled ones stay as they are.
/// </summary>
public sealed class CancelSeries(BookingDbContext db, ReservationActions actions, TimeProvider clock)
{
    /// <summary>The ids cancelled. The patron or staff (who give a reason, as for one cancellation); anyone else: not found.</summary>
    public async Task<IReadOnlyList<Guid>> HandleAsync(Actor actor, Guid seriesId, DateTimeOffset? from, string? reason, CancellationToken ct)
    {
        var series = await db.ReservationSeries.AsNoTracking().FirstOrDefaultAsync(s => s.Id == seriesId, ct);
        if (series is null || (!actor.IsStaff && series.PatronId != actor.Id))
        {
            throw new DomainException(ErrorCodes.NotFound, "No series with that id (or it is not yours).");
        }

        if (series.PatronId != actor.Id && string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException(ErrorCodes.Validation, "Give a reason when cancelling a patron's reservations; the patron is told.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var since = from is { } f && f.UtcDateTime > now ? f.UtcDateTime : now;
        var ids = await db.Reservations
            .Where(r => r.SeriesId == seriesId && r.StartsAtUtc >= since
                && (r.Status == ReservationStatus.Pending || r.Status == ReservationStatus.Confirmed))
            .OrderBy(r => r.StartsAtUtc).Select(r => r.Id).ToListAsync(ct);

        // One cancellation per date, each with its notice and waiting-list offer, exactly as the single cancel does.
        var cancelled = new List<Guid>();
        foreach (var id in ids)
        {
            try
            {
                await actions.CancelAsync(actor, id, reason, ct);
                cancelled.Add(id);
            }
            catch (DomainException e) when (e.Code == ErrorCodes.InvalidState)
            {
                // Checked in or cancelled since it was listed: it stays as it is.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        return cancelled;
    }
}
