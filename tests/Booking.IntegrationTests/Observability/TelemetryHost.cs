using Booking.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using OpenTelemetry.Trace;

namespace Booking.IntegrationTests.Observability;

/// <summary>
/// The app with its real OpenTelemetry pipeline and an in-memory exporter added to it, mail to a real SMTP server,
/// and the Quartz scheduler on (fired by the tests, never by the clock: the interval is a day).
/// </summary>
public sealed class TelemetryHost : JobsHost
{
    private SweepRuns? _runs;

    public ExportedActivities Exported { get; } = new();

    public SweepRuns Runs => _runs ?? throw new InvalidOperationException("The host is not started.");

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Jobs:Scheduler:Enabled"] = "true",
        ["Jobs:SweepInterval"] = "24h",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _runs = await SweepRuns.AttachAsync(Services);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(Exported)));
    }
}
