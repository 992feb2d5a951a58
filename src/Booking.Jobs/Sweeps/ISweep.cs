namespace Booking.Jobs.Sweeps;

/// <summary>
/// A catch-up pass over "due and not yet done": idempotent, so a missed, doubled or concurrent run does
/// no harm. Quartz calls it on a timer; tests call it directly after moving the clock.
/// </summary>
public interface ISweep
{
    /// <summary>Does what is due; returns how many items it acted on.</summary>
    Task<int> RunAsync(CancellationToken ct);
}
