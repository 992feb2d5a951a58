using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Booking.Benchmarks;

/// <summary>The web app as its own Release process on a loopback port, as it runs in production.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private const string AppOnlyPrefix = "APPENV_";

    private const string AfterOnlyPrefix = "APPENV_AFTER_";

    /// <summary>In an APPENV_ value, the bench's own connection string (its port is chosen at start).</summary>
    private const string ConnectionPlaceholder = "{connection}";

    private readonly Process _process;

    private AppProcess(Process process, Uri baseAddress, TimeSpan startup)
    {
        _process = process;
        BaseAddress = baseAddress;
        Startup = startup;
    }

    public Uri BaseAddress { get; }

    /// <summary>From process start to the first 200 from <c>/health</c>.</summary>
    public TimeSpan Startup { get; }

    public static async Task<AppProcess> StartAsync(string appDll, string connectionString, string dataFolder, int port, IDictionary<string, string>? extra = null)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(appDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(appDll);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');
        info.Environment["Site__PublicUrl"] = baseAddress.ToString().TrimEnd('/');
        // A load test is, by design, what the abuse limits stop.
        info.Environment["RateLimits__Enabled"] = "false";
        info.Environment["Database__Provider"] = "Postgres";
        info.Environment["ConnectionStrings__Booking"] = connectionString;
        info.Environment["Storage__DataFolder"] = dataFolder;
        // Jobs stay on, but each sweep runs once at start and then not again during the run.
        info.Environment["Jobs__SweepInterval"] = "24h";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        // APPENV_<name>=value reaches the app's processes only, as <name>: a runtime setting tried on the app (for
        // example DOTNET_JitStdOutFile) does not also change the load generator that measures it.
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string name && name.StartsWith(AppOnlyPrefix, StringComparison.Ordinal) && !name.StartsWith(AfterOnlyPrefix, StringComparison.Ordinal))
            {
                info.Environment[name[AppOnlyPrefix.Length..]] = (variable.Value as string)?.Replace(ConnectionPlaceholder, connectionString, StringComparison.Ordinal);
            }
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value.Replace(ConnectionPlaceholder, connectionString, StringComparison.Ordinal);
        }

        var clock = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the app.");
        var log = Path.Combine(dataFolder, $"app-{port}.log");
        _ = Pump(process.StandardOutput, log);
        _ = Pump(process.StandardError, log);

        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(2) };
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {process.ExitCode} during start-up; see {log}.");
            }

            try
            {
                using var response = await http.GetAsync("health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return new AppProcess(process, baseAddress, clock.Elapsed);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but busy starting.
            }

            await Task.Delay(10);
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"The app did not answer /health within 120 s; see {log}.");
    }

    /// <summary>
    /// APPENV_AFTER_&lt;name&gt;=value: &lt;name&gt; for the "after" app of <c>--before</c> only, so two settings of one build
    /// take turns (<c>infra/bench.sh --before HEAD</c>).
    /// </summary>
    public static Dictionary<string, string> AfterOnly() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Where(v => v.Key is string name && name.StartsWith(AfterOnlyPrefix, StringComparison.Ordinal))
            .ToDictionary(v => ((string)v.Key)[AfterOnlyPrefix.Length..], v => v.Value as string ?? "");

    /// <summary>The process's peak resident set (VmHWM), in megabytes.</summary>
    public double PeakRssMegabytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }

        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static readonly Lock LogLock = new();

    private static async Task Pump(StreamReader reader, string path)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (LogLock)
            {
                File.AppendAllText(path, line + Environment.NewLine);
            }
        }
    }

    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
