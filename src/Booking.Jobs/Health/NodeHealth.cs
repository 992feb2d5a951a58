using System.Text.Json;
using Booking.Jobs.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Booking.Jobs.Health;

/// <summary>
/// The health checks of a node and their three addresses, the same on a web node and on a jobs node's listener:
/// <c>/health/live</c> (the process answers; no check), <c>/health/ready</c> (the database, plus the scheduler on a
/// scheduler node and the mail workers on a worker node; JSON naming each check and its status) and <c>/health</c>
/// (every check, plain text). 200 when healthy, 503 otherwise; no sign-in, no rate limit, no error text.
/// </summary>
public static class NodeHealth
{
    public const string ReadyTag = "ready";

    /// <summary>How long the database (or scheduler) check may take before the node counts as not ready.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    public static IServiceCollection AddMakerspaceHealthChecks(this IServiceCollection services, IConfiguration configuration)
    {
        var options = JobsOptions.Read(configuration);
        services.AddSingleton<DatabaseReachable>();
        var checks = services.AddHealthChecks()
            .AddCheck<DatabaseReachable>("database", tags: [ReadyTag], timeout: CheckTimeout);
        if (options.SchedulerEnabled)
        {
            services.AddSingleton<SchedulerRunning>();
            checks.AddCheck<SchedulerRunning>("scheduler", tags: [ReadyTag], timeout: CheckTimeout);
        }

        if (options.WorkersEnabled)
        {
            checks.AddCheck<WorkersRunning>("workers", tags: [ReadyTag]);
        }

        return services;
    }

    public static void MapMakerspaceHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health").AllowAnonymous().DisableRateLimiting();
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJsonAsync })
            .AllowAnonymous().DisableRateLimiting();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = r => r.Tags.Contains(ReadyTag), ResponseWriter = WriteJsonAsync })
            .AllowAnonymous().DisableRateLimiting();
    }

    /// <summary><c>{"status":"Healthy","checks":[{"name":"database","status":"Healthy"}]}</c>: names and statuses only, never an error's text.</summary>
    public static async Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteStartArray("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
