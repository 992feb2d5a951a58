using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace Booking.Jobs.Health;

/// <summary>On a scheduler node, ready needs the Quartz scheduler started, not in standby and not shut down.</summary>
public sealed class SchedulerRunning(ISchedulerFactory schedulers) : IHealthCheck
{
    // Held once found: asking the factory again after a shutdown would make it build a new scheduler.
    private IScheduler? _scheduler;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scheduler = _scheduler ??= await schedulers.GetScheduler(cancellationToken);
        return scheduler.Status == SchedulerStatus.Running
            ? HealthCheckResult.Healthy()
            : new HealthCheckResult(context.Registration.FailureStatus, "The scheduler is not running.");
    }
}
