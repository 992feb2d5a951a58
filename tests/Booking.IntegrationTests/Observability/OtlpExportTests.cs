using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Booking.Data;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.Jobs.Health;
using Booking.Jobs.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.IntegrationTests.Observability;

/// <summary>
/// With <c>Telemetry:OtlpEndpoint</c> set, the app sends its traces and metrics over OTLP (HTTP/protobuf here) to a
/// collector: a small HTTP server on loopback that keeps what it is sent. Bad addresses stop start-up, naming the key.
/// </summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task OtlpEndpointSet_RequestSpanAndBookingCounterReachTheCollector()
    {
        await using var collector = await Collector.StartAsync();
        var host = new ConfiguredHost("Testing", new Dictionary<string, string?>
        {
            [Telemetry.EndpointKey] = collector.Address,
            [Telemetry.ProtocolKey] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200", // spans leave in batches; the default waits 5 s
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        });
        try
        {
            await host.InitializeAsync();
            var branch = await host.BranchAsync();
            var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
            var patron = await host.SignInNewAsync();
            var traceId = ActivityTraceId.CreateRandom();
            var client = host.CreateClient();
            client.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/resources/{room.Id}")).StatusCode);
            var start = host.Clock.DaysAhead("America/New_York", 2, 10);
            Assert.Equal(HttpStatusCode.Created, (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).StatusCode);

            // Protobuf keeps strings as UTF-8 and a trace id as its 16 bytes: found in the bodies as they are.
            var traceBytes = Convert.FromHexString(traceId.ToHexString());
            await Eventually.TrueAsync(() => collector.Received("/v1/traces").Any(b => Contains(b, traceBytes)), "this request's span at the collector");
            Assert.Contains(collector.Received("/v1/traces"), b => Contains(b, Encoding.UTF8.GetBytes("makerspace-web")));
            await Eventually.TrueAsync(
                () => collector.Received("/v1/metrics").Any(b => Contains(b, Encoding.UTF8.GetBytes("makerspace.bookings.made"))),
                "the bookings-made counter at the collector");
        }
        finally
        {
            await ((IAsyncLifetime)host).DisposeAsync();
        }
    }

    [Theory]
    [InlineData(Telemetry.EndpointKey, "collector:4317")]
    [InlineData(Telemetry.EndpointKey, "ftp://127.0.0.1:4317")]
    [InlineData(HealthListener.UrlsKey, "127.0.0.1:5081")]
    [InlineData(HealthListener.UrlsKey, "https://127.0.0.1:5081")]
    public void BadAddress_StopsStartUp_NamingTheKey(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        var problem = Assert.Throws<ConfigurationProblem>(() =>
        {
            Telemetry.ReadEndpoint(configuration);
            HealthListener.ReadUrls(configuration);
        });
        Assert.StartsWith(key, problem.Message, StringComparison.Ordinal);
    }

    private static bool Contains(byte[] body, byte[] part) => body.AsSpan().IndexOf(part) >= 0;

    /// <summary>An OTLP/HTTP receiver: answers 200 to every POST and keeps its body by path.</summary>
    private sealed class Collector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<(string Path, byte[] Body)> _received = new();

        private Collector(WebApplication app) => _app = app;

        public string Address => _app.Urls.Single();

        public IReadOnlyList<byte[]> Received(string path) => _received.Where(r => r.Path == path).Select(r => r.Body).ToList();

        public static async Task<Collector> StartAsync()
        {
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
            builder.Services.AddRouting();
            var app = builder.Build();
            var collector = new Collector(app);
            app.MapPost("/v1/{signal}", async (HttpRequest request) =>
            {
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body);
                collector._received.Enqueue((request.Path.Value!, body.ToArray()));
                return Results.Ok();
            });
            await app.StartAsync();
            return collector;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
