using System.Diagnostics;

namespace Booking.IntegrationTests.Foundation;

/// <summary>Starts the real app as a process, the way an operator would.</summary>
public sealed class StartupTests
{
    [Theory]
    [InlineData("Oracle")]
    [InlineData("mysql")]
    public async Task Start_UnknownProvider_OneLineMessageAndExitCode1(string provider)
    {
        var (exitCode, stdout, stderr) = await RunAppAsync(("Database__Provider", provider));

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"Database:Provider is '{provider}'", line);
        Assert.Contains("Sqlite, Postgres", line);
        Assert.DoesNotContain("   at ", stdout + stderr);
    }

    [Fact]
    public async Task Start_PostgresWithoutConnectionString_NamesTheKey()
    {
        var (exitCode, _, stderr) = await RunAppAsync(("Database__Provider", "Postgres"), ("ConnectionStrings__Booking", ""));
        Assert.Equal(1, exitCode);
        Assert.Contains("ConnectionStrings:Booking", stderr);
    }

    internal static async Task<(int ExitCode, string Stdout, string Stderr)> RunAppAsync(params (string Key, string Value)[] environment)
    {
        var app = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [app])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(app)!,
        };
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
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
