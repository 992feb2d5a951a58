using Booking.Jobs.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Booking.Jobs.Health;

/// <summary>On a worker node, ready needs this node's Hangfire server started and not stopping.</summary>
public sealed class WorkersRunning(HangfireWorkers workers) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(workers.IsRunning
            ? HealthCheckResult.Healthy()
            : new HealthCheckResult(context.Registration.FailureStatus, "The mail workers are not running."));
}
