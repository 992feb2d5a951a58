using System.Diagnostics;
using Booking.Data;
using Booking.Workflows.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Booking.Jobs.Hosting;

/// <summary>
/// OpenTelemetry for both hosts, wired once: traces and metrics of ASP.NET Core, Npgsql, the runtime and the app's
/// own source and meter ("Makerspace"). Exported over OTLP only when an endpoint is configured
/// (<c>Telemetry:OtlpEndpoint</c>, or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>); otherwise nothing leaves
/// the process. Also lets an explicit console log format (e.g. <c>json</c>) win under systemd.
/// </summary>
public static class Telemetry
{
    public const string EndpointKey = "Telemetry:OtlpEndpoint";
    public const string StandardEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>
    /// What is traced when spans are exported: everything, except database commands with no request or job around
    /// them (Hangfire's and Quartz's own polling); a caller's unsampled trace stays unsampled.
    /// </summary>
    public static readonly Sampler ExportSampler = new ParentBasedSampler(new NoLoneClientCalls());

    /// <summary>Registers the telemetry; <paramref name="serviceName"/> names the node type (<c>OTEL_SERVICE_NAME</c> wins).</summary>
    public static IServiceCollection AddMakerspaceTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        var endpoint = ReadEndpoint(configuration);
        var exporting = endpoint is not null || !string.IsNullOrWhiteSpace(configuration[StandardEndpointKey]);
        var named = configuration["OTEL_SERVICE_NAME"];
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(string.IsNullOrWhiteSpace(named) ? serviceName : named))
            .WithTracing(t => t
                // With nowhere to send them, no span is even recorded: the booking path pays for the listeners only.
                .SetSampler(exporting ? ExportSampler : new AlwaysOffSampler())
                .AddSource(MakerspaceTelemetry.Name)
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.Filter = context => !context.Request.Path.StartsWithSegments("/health"); // probes every few seconds
                    o.EnrichWithHttpRequest = HideFeedToken;
                })
                .AddNpgsql())
            .WithMetrics(m => m
                .AddMeter(MakerspaceTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation());

        if (endpoint is not null)
        {
            var protocol = configuration[ProtocolKey] == "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
            telemetry.UseOtlpExporter(protocol, endpoint);
        }
        else if (exporting)
        {
            telemetry.UseOtlpExporter(); // reads the OTEL_EXPORTER_OTLP_* settings itself
        }

        // AddSystemd sets the console format to "systemd" under systemd, over the operator's
        // Logging:Console:FormatterName; a format the operator named explicitly wins again here.
        services.PostConfigure<ConsoleLoggerOptions>(o =>
        {
            if (configuration["Logging:Console:FormatterName"] is { Length: > 0 } formatter)
            {
                o.FormatterName = formatter;
            }
        });
        return services;
    }

    /// <summary><c>Telemetry:OtlpEndpoint</c> as an absolute http(s) address, or null when not set.</summary>
    public static Uri? ReadEndpoint(IConfiguration configuration)
    {
        var value = configuration[EndpointKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new ConfigurationProblem($"{EndpointKey} is '{value}', which is not an http or https address (e.g. http://127.0.0.1:4317).");
    }

    /// <summary>A patron's private calendar feed carries its secret in the path: the trace keeps the route instead.</summary>
    private static void HideFeedToken(Activity activity, HttpRequest request)
    {
        if (request.Path.StartsWithSegments("/calendar/patrons"))
        {
            activity.SetTag("url.path", "/calendar/patrons/{token}");
        }
    }

    /// <summary>The sampler for spans with no parent: outgoing calls alone (a lone database command) are dropped.</summary>
    private sealed class NoLoneClientCalls : Sampler
    {
        public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
            new(samplingParameters.Kind == ActivityKind.Client ? SamplingDecision.Drop : SamplingDecision.RecordAndSample);
    }
}
