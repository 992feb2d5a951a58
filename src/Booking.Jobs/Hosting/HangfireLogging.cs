using Hangfire.AspNetCore;
using Hangfire.Logging;
using Microsoft.Extensions.Logging;

namespace Booking.Jobs.Hosting;

/// <summary>
/// Hangfire's log provider for one app. Hangfire holds its log provider in a static, so every app in the
/// process (test hosts, a host rebuilt in place) shares the one set last. When that app stops, its logger
/// factory is disposed, and Hangfire's plain ASP.NET Core provider then throws from inside the workers of
/// the apps still running: a fetched job was left unrun and invisible for the 30-minute invisibility
/// timeout. This one goes quiet instead of throwing.
/// </summary>
public sealed class HangfireLogging(ILoggerFactory loggers) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(loggers);

    public ILog GetLogger(string name)
    {
        try
        {
            return new Guarded(_inner.GetLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return Quiet.Instance;
        }
    }

    private sealed class Guarded(ILog inner) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                return inner.Log(logLevel, messageFunc, exception);
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }

    private sealed class Quiet : ILog
    {
        public static readonly Quiet Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
