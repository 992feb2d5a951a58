using Booking.IntegrationTests.Jobs;
using Booking.Jobs.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using OpenTelemetry.Trace;

namespace Booking.IntegrationTests.Observability;

/// <summary>
/// The Quartz host (sweeps fired by the tests, never by the clock) with the app's real OpenTelemetry pipeline, sampling
/// as it does with an OTLP endpoint and exporting to memory.
/// </summary>
public sealed class TelemetryHost : QuartzHost
{
    public ExportedActivities Exported { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Traced as when an OTLP endpoint is configured, exported to memory instead.
        builder.ConfigureTestServices(services => services.ConfigureOpenTelemetryTracerProvider(t => t
            .SetSampler(Telemetry.ExportSampler)
            .AddInMemoryExporter(Exported)));
    }
}
