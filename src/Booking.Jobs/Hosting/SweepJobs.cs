using Booking.Jobs.Sweeps;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Booking.Jobs.Hosting;

/// <summary>Runs one sweep in its own scope (its own DbContext); exceptions escape so Quartz records the failure.</summary>
public abstract class SweepJob<TSweep>(IServiceScopeFactory scopes) : IJob
    where TSweep : ISweep
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TSweep>().RunAsync(cancellationToken);
    }
}

[DisallowConcurrentExecution]
public sealed class ConfirmationJob(IServiceScopeFactory scopes) : SweepJob<ConfirmationSweep>(scopes);

[DisallowConcurrentExecution]
public sealed class ReminderJob(IServiceScopeFactory scopes) : SweepJob<ReminderSweep>(scopes);

[DisallowConcurrentExecution]
public sealed class NoShowJob(IServiceScopeFactory scopes) : SweepJob<NoShowSweep>(scopes);

[DisallowConcurrentExecution]
public sealed class OverdueJob(IServiceScopeFactory scopes) : SweepJob<OverdueSweep>(scopes);

[DisallowConcurrentExecution]
public sealed class WaitlistLapseJob(IServiceScopeFactory scopes) : SweepJob<WaitlistLapseSweep>(scopes);

[DisallowConcurrentExecution]
public sealed class DeliveryJob(IServiceScopeFactory scopes) : SweepJob<DeliverySweep>(scopes);

[DisallowConcurrentExecution]
public sealed class PrivacyJob(IServiceScopeFactory scopes) : SweepJob<PrivacySweep>(scopes);

[DisallowConcurrentExecution]
public sealed class CertificationExpiryJob(IServiceScopeFactory scopes) : SweepJob<CertificationExpirySweep>(scopes);
