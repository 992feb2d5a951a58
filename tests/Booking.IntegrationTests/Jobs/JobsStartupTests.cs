using System.Diagnostics;

namespace Booking.IntegrationTests.Jobs;

/// <summary>A malformed jobs or SMTP setting stops the app with one line naming the key.</summary>
public sealed class JobsStartupTests
{
    [Theory]
    [InlineData("Jobs__Reminders__LeadTimes", "tomorrow", "Jobs:Reminders:LeadTimes")]
    [InlineData("Jobs__Reminders__LeadTimes", "24h,,1h", "Jobs:Reminders:LeadTimes")]
    [InlineData("Jobs__SweepInterval", "-1m", "Jobs:SweepInterval")]
    [InlineData("Smtp__Port", "smtp", "Smtp:Port")]
    [InlineData("Smtp__UseTls", "maybe", "Smtp:UseTls")]
    public async Task Start_MalformedSetting_OneLineNamingTheKey(string variable, string value, string key)
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
        start.Environment[variable] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, process.ExitCode);
        var line = Assert.Single((await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(key, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", await stdout + line, StringComparison.Ordinal);
    }
}
