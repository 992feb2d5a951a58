using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.Jobs.Sweeps;

namespace Booking.IntegrationTests.Jobs;

/// <summary>
/// Hangfire keeps its log provider in a static, shared by every app in the process. When another app in the
/// same process stops (as test hosts do, or a host rebuilt in place), this app's workers must keep working:
/// they once logged through the stopped app's disposed logger factory, and every job they fetched was left
/// unrun and invisible for the 30-minute invisibility timeout.
/// </summary>
public sealed class HangfireNeighbourHostTests
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task AnotherAppInTheProcessStops_ThisAppsWorkersStillDeliver()
    {
        var host = new HangfireHost();
        await host.InitializeAsync();
        try
        {
            // Started after this host (so Hangfire's static configuration is now its) and stopped again.
            var neighbour = new MakerspaceHost();
            await neighbour.InitializeAsync();
            await ((IAsyncLifetime)neighbour).DisposeAsync();

            var branch = await host.BranchAsync(Zone);
            var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
            var patron = await host.SignInNewAsync();
            var start = host.Clock.DaysAhead(Zone, 2, 10);
            var id = (await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
            Assert.Equal(1, await host.SweepAsync<ConfirmationSweep>());
            Assert.Equal(1, await host.SweepAsync<DeliverySweep>());

            await Eventually.TrueAsync(() => host.Smtp.To(patron.Email).Count == 1, "the worker to mail the confirmation");
            await Eventually.TrueAsync(() => HangfireJobs.SentAsync(host, id), "the worker to stamp the notification sent");
            Assert.True(await HangfireJobs.SentAsync(host, id), "the worker stamps the notification sent");
        }
        finally
        {
            await ((IAsyncLifetime)host).DisposeAsync();
        }
    }
}
