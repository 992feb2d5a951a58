using Booking.IntegrationTests.Infrastructure;

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
        var (exitCode, stdout, stderr) = await AppRun.UntilExitAsync((variable, value));

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(key, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + line, StringComparison.Ordinal);
    }
}
