using Booking.Data;
using Booking.Data.Identity;
using Booking.Jobs.Health;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Booking.Jobs.Hosting;

/// <summary>
/// A node that runs only the jobs (Quartz sweeps and Hangfire mail delivery), no web server, with the web app's
/// configuration keys. Beside web nodes that run with <c>Jobs:Scheduler:Enabled=false</c> and
/// <c>Jobs:Workers:Enabled=false</c>, on the PostgreSQL database they share.
/// </summary>
public static class JobsNode
{
    /// <summary>Builds the node; <paramref name="configure"/> lets a test add settings or replace the clock.</summary>
    public static IHost Build(string[] args, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(args);
        // Defaults under every other source, so the operator's settings win: the web app's appsettings.json says the same.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning" },
        });
        var services = builder.Services;
        services.AddSystemd(); // under systemd: ready and stopping notifications, journal-friendly logs; elsewhere nothing
        services.AddSingleton(TimeProvider.System);
        services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);
        services.AddBookingData(DataRegistration.DataFolder);
        services.AddMakerspaceJobs(builder.Configuration, DataRegistration.DataFolder);
        services.AddMakerspaceTelemetry(builder.Configuration, "makerspace-jobs");
        services.AddMakerspaceHealthChecks(builder.Configuration);
        if (HealthListener.ReadUrls(builder.Configuration) is { } healthUrls)
        {
            services.AddHostedService(sp => new HealthListener(sp.GetRequiredService<HealthCheckService>(), healthUrls, sp.GetRequiredService<ILoggerFactory>()));
        }

        // Account e-mails carry confirmation and reset links: the same accounts, token rules and key ring as the web nodes.
        services.AddMakerspaceKeyRing(builder.Configuration, builder.Environment);
        services.AddIdentityCore<UserAccount>(o => AccountRules.Configure(o, builder.Configuration, builder.Environment.IsDevelopment()))
            .AddMakerspaceAccounts();
        configure?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>Migrates and makes sure roles and kinds exist, as a web node's start does (either may start first).</summary>
    public static Task PrepareAsync(IHost node, CancellationToken ct = default) => DatabaseSetup.PrepareAsync(node.Services, ct);
}
