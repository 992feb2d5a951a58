using Booking.Data;
using Booking.Jobs.Delivery;
using Booking.Jobs.Sweeps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.IntegrationTests.Infrastructure;

/// <summary>A host whose mail goes to a real SMTP server on loopback; tests run sweeps and deliveries directly.</summary>
public class JobsHost : MakerspaceHost
{
    private TestSmtpServer? _smtp;

    public TestSmtpServer Smtp => _smtp ?? throw new InvalidOperationException("The host is not started.");

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:UseTls"] = "false",
        ["Smtp:From"] = "Makerspace <makerspace@library.test>",
    };

    public override async Task InitializeAsync()
    {
        _smtp = await TestSmtpServer.StartAsync();
        await base.InitializeAsync();
    }

    protected override async Task DisposeExtrasAsync()
    {
        if (_smtp is not null)
        {
            await _smtp.DisposeAsync();
        }
    }

    public async Task<int> SweepAsync<TSweep>()
        where TSweep : ISweep
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TSweep>().RunAsync(default);
    }

    /// <summary>Runs the delivery job for every unsettled notification, as a Hangfire worker would; returns the failures.</summary>
    public async Task<IReadOnlyList<Exception>> DeliverAllAsync()
    {
        var ids = await this.InScopeAsync(db => db.Notifications.Where(n => n.SentAtUtc == null && n.DiscardedAtUtc == null).Select(n => n.Id).ToListAsync());
        var failures = new List<Exception>();
        foreach (var id in ids)
        {
            try
            {
                await DeliverAsync(id);
            }
            catch (Exception e)
            {
                failures.Add(e);
            }
        }

        return failures;
    }

    public async Task DeliverAsync(Guid notificationId)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DeliverNotification>().RunAsync(notificationId, default);
    }
}
