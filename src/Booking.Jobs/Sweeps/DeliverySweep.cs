using Booking.Data;
using Booking.Jobs.Configuration;
using Booking.Jobs.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Booking.Jobs.Sweeps;

/// <summary>
/// Queues delivery of every notification not yet sent: new ones, and ones queued long ago that never
/// arrived (a lost job). Each is claimed with a conditional update, so of two nodes only one queues it.
/// </summary>
public sealed class DeliverySweep(BookingDbContext db, INotificationQueue queue, JobsOptions options, TimeProvider clock, ILogger<DeliverySweep> logger) : ISweep
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var stale = now - options.RequeueAfter;
        var due = await db.Notifications.AsNoTracking()
            .Where(n => n.SentAtUtc == null && n.DiscardedAtUtc == null && (n.QueuedAtUtc == null || n.QueuedAtUtc < stale))
            .OrderBy(n => n.CreatedAtUtc)
            .Select(n => n.Id)
            .Take(500)
            .ToListAsync(ct);

        var queued = 0;
        foreach (var id in due)
        {
            var claimed = await db.Notifications
                .Where(n => n.Id == id && n.SentAtUtc == null && n.DiscardedAtUtc == null && (n.QueuedAtUtc == null || n.QueuedAtUtc < stale))
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.QueuedAtUtc, now), ct);
            if (claimed == 1)
            {
                queue.Enqueue(id);
                queued++;
            }
        }

        if (queued > 0)
        {
            logger.LogInformation("Queued {Count} notifications for delivery", queued);
        }

        return queued;
    }
}
