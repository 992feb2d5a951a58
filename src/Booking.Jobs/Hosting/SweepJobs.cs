using System.Diagnostics;
using Booking.Jobs.Sweeps;
using Booking.Workflows.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Booking.Jobs.Hosting;

/// <summary>
/// Runs one sweep in its own scope (its own DbContext), in an activity named after the sweep with the items it acted
/// on and its outcome; exceptions escape so Quartz records the failure.
/// </summary>
public abstract class SweepJob<TSweep>(IServiceScopeFactory scopes) : IJob
    where TSweep : ISweep
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var name = context.JobDetail.Key.Name;
        using var activity = MakerspaceTelemetry.Source.StartActivity("sweep " + name, ActivityKind.Internal);
        activity?.SetTag(MakerspaceTelemetry.SweepTag, name);
        activity?.SetTag(MakerspaceTelemetry.SweepFireTag, context.FireInstanceId);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var items = await scope.ServiceProvider.GetRequiredService<TSweep>().RunAsync(cancellationToken);
            activity?.SetTag(MakerspaceTelemetry.SweepItemsTag, items);
            activity?.SetTag(MakerspaceTelemetry.OutcomeTag, "ok");
        }
        catch (Exception e)
        {
            MakerspaceTelemetry.Failed(activity, e);
            throw;
        }
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

[DisallowConcurrentExecution]
public sealed class UnclaimedDeskJob(IServiceScopeFactory scopes) : SweepJob<UnclaimedDeskSweep>(scopes);
