using Booking.IntegrationTests.Infrastructure;
using Booking.Jobs.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using OpenTelemetry.Trace;

namespace Booking.IntegrationTests.Observability;

/// <summary>
/// The app with its real OpenTelemetry pipeline, sampling as it does with an OTLP endpoint and exporting to memory,
/// mail to a real SMTP server, and the Quartz scheduler on (fired by the tests, never by the clock: its triggers are
/// paused).
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
        await Runs.TakeOverAsync(Services);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => _runs = SweepRuns.Register(services));
        // Traced as when an OTLP endpoint is configured, exported to memory instead.
        builder.ConfigureTestServices(services => services.ConfigureOpenTelemetryTracerProvider(t => t
            .SetSampler(Telemetry.ExportSampler)
            .AddInMemoryExporter(Exported)));
    }
}
