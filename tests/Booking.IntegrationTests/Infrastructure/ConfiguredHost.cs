using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Booking.IntegrationTests.Infrastructure;

/// <summary>
/// The app as an operator configured it: an environment, settings, and optionally a database another host
/// made (a restart, or a second node). Keeps every line logged at Warning or above.
/// </summary>
public sealed class ConfiguredHost(string environment, IDictionary<string, string?> settings, TestDatabase? shared = null) : MakerspaceHost
{
    public ConcurrentQueue<string> Warnings { get; } = new();

    protected override IDictionary<string, string?> Settings => settings;

    protected override Task<TestDatabase> CreateDatabaseAsync() => shared is null ? base.CreateDatabaseAsync() : Task.FromResult(shared);

    protected override bool OwnsDatabase => shared is null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(environment);
        builder.ConfigureLogging(logging => logging.AddProvider(new WarningCollector(Warnings)));
    }

    private sealed class WarningCollector(ConcurrentQueue<string> lines) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lines.Enqueue(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }
}
