using Booking.Data;
using Booking.Domain.Common;
using Booking.Jobs.Sweeps;
using Booking.Web.Features.Reservations;

namespace Booking.Web.Features.Waitlist;

/// <summary>The waiting list as the sweeps see it; shares the sweep's DbContext, so it runs inside the sweep's transaction.</summary>
public sealed class WaitlistForJobs(BookingDbContext db, WaitlistOffers offers) : IWaitlist
{
    public async Task OfferFreedAsync(Guid resourceId, UtcInterval freed, CancellationToken ct)
    {
        var subject = await BookingSubject.LoadAsync(db, resourceId, ct);
        if (subject is not null)
        {
            await offers.OfferFreedAsync(subject, freed, ct);
        }
    }

    public Task<int> LapseDueOffersAsync(CancellationToken ct) => offers.LapseDueOffersAsync(ct);
}
