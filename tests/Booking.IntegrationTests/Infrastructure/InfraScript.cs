using System.Diagnostics;

namespace Booking.IntegrationTests.Infrastructure;

/// <summary>Runs a script of the repository's <c>infra/</c> folder as an operator would, with bash.</summary>
public static class InfraScript
{
    /// <summary>The repository's root: the nearest folder above the test binaries that holds Makerspace.sln.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string script, string[] arguments, params (string Key, string? Value)[] environment)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot, "infra", script), .. arguments])
        {
            WorkingDirectory = RepositoryRoot,
        };
        // The app's own settings reach a script only as a test gives them.
        foreach (var key in start.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return Processes.RunAsync(start, TimeSpan.FromSeconds(120));
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Makerspace.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Makerspace.sln above {AppContext.BaseDirectory}: the tests run from the repository's build output.");
    }
}
