using System.Diagnostics;

namespace Booking.IntegrationTests.Infrastructure;

/// <summary>Starts the real app as a process, the way an operator would, and waits for it to stop by itself.</summary>
public static class AppRun
{
    /// <summary>Runs the app with a public address and a private data folder, plus <paramref name="environment"/> (which wins).</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> UntilExitAsync(params (string Key, string Value)[] environment)
    {
        var app = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [app])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(app)!,
        };
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Site__PublicUrl"] = "http://localhost";
        start.Environment["Storage__DataFolder"] = Path.Combine(Path.GetTempPath(), "makerspace-start-" + Guid.NewGuid().ToString("N"));
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
