using Booking.Workflows.Waitlist;

namespace Booking.Jobs.Sweeps;

/// <summary>Lapses waiting-list offers nobody accepted in time, passing each slot to the next in line.</summary>
public sealed class WaitlistLapseSweep(WaitlistOffers waitlist) : ISweep
{
    public Task<int> RunAsync(CancellationToken ct) => waitlist.LapseDueOffersAsync(ct);
}
