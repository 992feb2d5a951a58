using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Booking.Data;

/// <summary>Writes this node's <see cref="RefusalCounts"/> every few seconds on the host's clock, and once more when the node stops.</summary>
public sealed class RefusalCountWriter(RefusalCounts counts, IServiceScopeFactory scopes, TimeProvider clock, ILogger<RefusalCountWriter> logger) : BackgroundService
{
    /// <summary>How stale another node's demand figures can be.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await WriteAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // The last few seconds' refusals, so a restart or an upgrade loses none.
        await WriteAsync(cancellationToken);
    }

    private async Task WriteAsync(CancellationToken ct)
    {
        if (counts.Pending == 0)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await counts.WriteAsync(scope.ServiceProvider.GetRequiredService<BookingDbContext>(), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // A report's figure, not a patron's booking: kept for the next attempt, never allowed to stop the node.
            logger.LogWarning(e, "Could not write {Count} refused bookings' counts; they are kept for the next attempt", counts.Pending);
        }
    }
}
