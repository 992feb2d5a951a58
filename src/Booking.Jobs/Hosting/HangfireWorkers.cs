using Booking.Jobs.Configuration;
using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Booking.Jobs.Hosting;

/// <summary>
/// The Hangfire server of this node, on the storage from the container (not Hangfire's global one, so
/// several app instances in one process, as in tests, never share a queue).
/// </summary>
public sealed class HangfireWorkers(JobStorage storage, IServiceScopeFactory scopes, JobsOptions options) : IHostedService, IAsyncDisposable
{
    private BackgroundJobServer? _server;
    private volatile bool _running;

    /// <summary>Whether this node's Hangfire server is started and not stopping (the readiness check reads it).</summary>
    public bool IsRunning => _running;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            WorkerCount = 2,
            Queues = ["default"],
            SchedulePollingInterval = options.WorkerPollInterval,
            Activator = new AspNetCoreJobActivator(scopes),
        }, storage);
        _running = true;
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _running = false;
        if (_server is not null)
        {
            _server.SendStop();
            await _server.WaitForShutdownAsync(cancellationToken);
        }
    }

    public ValueTask DisposeAsync()
    {
        _running = false;
        _server?.Dispose();
        _server = null;
        return ValueTask.CompletedTask;
    }
}
