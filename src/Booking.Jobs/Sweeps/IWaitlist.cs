using Booking.Domain.Common;

namespace Booking.Jobs.Sweeps;

/// <summary>The waiting list, as the web app runs it; sweeps call it inside their own write transaction.</summary>
public interface IWaitlist
{
    /// <summary>Offers a freed slot down the line. Call inside the transaction that freed it, under the resource's lock.</summary>
    Task OfferFreedAsync(Guid resourceId, UtcInterval freed, CancellationToken ct);

    /// <summary>Lapses offers not accepted in time and offers each slot to the next in line.</summary>
    Task<int> LapseDueOffersAsync(CancellationToken ct);
}
