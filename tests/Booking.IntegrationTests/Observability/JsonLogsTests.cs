using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Booking.IntegrationTests.Infrastructure;

namespace Booking.IntegrationTests.Observability;

/// <summary>
/// <c>Logging:Console:FormatterName=json</c> makes every console line one JSON object, on both node types, and
/// also where it matters: under systemd, whose detection (the parent process is named "systemd") otherwise switches
/// the console to its own format. The real programs run as processes under a shell named "systemd".
/// </summary>
public sealed class JsonLogsTests
{
    [Theory]
    [InlineData("Booking.Web.dll")]
    [InlineData("Booking.Jobs.dll")]
    public async Task FormatterJson_UnderSystemd_EveryLineIsAJsonLogEntry(string program)
    {
        var folder = Path.Combine(Path.GetTempPath(), "makerspace-json-logs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var output = Path.GetDirectoryName(typeof(Program).Assembly.Location)!;
        // A copy of the shell named "systemd": the program is its child, as under the service manager.
        var systemd = Path.Combine(folder, "systemd");
        File.Copy("/bin/sh", systemd);
        var start = new ProcessStartInfo(systemd, ["-c", "dotnet \"$0\"; :", Path.Combine(output, program)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = output,
        };
        start.Environment["Logging__Console__FormatterName"] = "json";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Site__PublicUrl"] = "http://localhost";
        start.Environment["Storage__DataFolder"] = Path.Combine(folder, "data");
        start.Environment["Jobs__SweepInterval"] = "24h";
        start.Environment.Remove("NOTIFY_SOCKET");

        var lines = new ConcurrentQueue<string>();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data))
            {
                lines.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // The host logs that it started (Microsoft.Hosting.Lifetime) once it runs.
            await Eventually.TrueAsync(() => lines.Any(l => l.Contains("Microsoft.Hosting.Lifetime", StringComparison.Ordinal)), $"{program} to log its start", TimeSpan.FromSeconds(60));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Directory.Delete(folder, recursive: true);
        }

        Assert.All(lines, line =>
        {
            var entry = JsonDocument.Parse(line).RootElement;
            Assert.Equal(JsonValueKind.Object, entry.ValueKind);
            Assert.True(entry.TryGetProperty("LogLevel", out _), line);
            Assert.True(entry.TryGetProperty("Category", out _), line);
            Assert.True(entry.TryGetProperty("Message", out _), line);
        });
    }
}
