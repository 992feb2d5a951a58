using Booking.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Booking.Jobs.Health;

/// <summary>
/// The jobs node has no web server; with <c>Health:Urls</c> set (e.g. <c>http://127.0.0.1:5081</c>) it answers the
/// same <c>/health</c>, <c>/health/live</c> and <c>/health/ready</c> on a small listener of its own, and nothing else.
/// Off by default.
/// </summary>
public sealed class HealthListener(HealthCheckService checks, string urls, ILoggerFactory logs) : IHostedService, IAsyncDisposable
{
    public const string UrlsKey = "Health:Urls";

    private WebApplication? _app;

    /// <summary>The addresses it listens on once started (a port 0 in <c>Health:Urls</c> becomes the port chosen).</summary>
    public IReadOnlyList<string> Addresses => _app?.Urls.ToList() ?? [];

    /// <summary><c>Health:Urls</c> checked at start-up (http addresses separated by <c>;</c>), or null when not set.</summary>
    public static string? ReadUrls(IConfiguration configuration)
    {
        var value = configuration[UrlsKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        foreach (var url in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Plain http: probes come from this machine (the service manager, a monitoring agent), no certificate needed.
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != "http")
            {
                throw new ConfigurationProblem($"{UrlsKey} has '{url}', which is not an http address (e.g. http://127.0.0.1:5081).");
            }
        }

        return value;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // An empty builder: no configuration files or environment of its own, nothing but Kestrel, routing and the
        // node's own health checks.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.AddServerHeader = false).UseUrls(urls);
        builder.Services.AddRouting();
        builder.Services.AddSingleton(checks);
        builder.Services.AddSingleton(logs); // the node's own logging: Kestrel's errors go where the node's go
        var app = builder.Build();
        app.MapMakerspaceHealth();
        await app.StartAsync(cancellationToken);
        _app = app;
        logs.CreateLogger<HealthListener>().LogInformation("Health answers on {Addresses}", string.Join(", ", Addresses));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
    }
}
