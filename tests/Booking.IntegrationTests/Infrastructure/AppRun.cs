using System.Diagnostics;

namespace Booking.IntegrationTests.Infrastructure;

/// <summary>Starts the real app as a process, the way an operator would, and waits for it to stop by itself.</summary>
public static class AppRun
{
    /// <summary>Runs the app with a public address and a private data folder, plus <paramref name="environment"/> (which wins).</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> UntilExitAsync(params (string Key, string Value)[] environment) =>
        CommandAsync(typeof(Program).Assembly.Location, [], environment);

    /// <summary>
    /// Runs <paramref name="assembly"/> (the web app's or the jobs node's) with <paramref name="arguments"/>, e.g. an
    /// operator's command such as <c>migrate</c>, with the same defaults as <see cref="UntilExitAsync"/>.
    /// </summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> CommandAsync(string assembly, string[] arguments, params (string Key, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet", [assembly, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Site__PublicUrl"] = "http://localhost";
        start.Environment["Storage__DataFolder"] = Path.Combine(Path.GetTempPath(), "makerspace-start-" + Guid.NewGuid().ToString("N"));
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return await Processes.RunAsync(start);
    }
}
