using Booking.Data;
using Booking.Jobs.Hosting;
using Microsoft.Extensions.Hosting;

namespace Booking.Jobs;

/// <summary><c>dotnet run --project src/Booking.Jobs</c>: a jobs-only node (see <see cref="JobsNode"/>).</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // First: what malloc holds free (the JIT's, above all) goes back to the system every 10 s (README "Performance").
        NativeHeap.KeepSmall();

        // migrate, migrate --check, sqlite-backup: an operator's command with this node's settings, then exit.
        if (OperatorCommand.Parse(args) is { } command)
        {
            return await command.RunAsync(a => JobsNode.Build(a), Console.Out, Console.Error);
        }

        try
        {
            using var node = JobsNode.Build(args);
            await JobsNode.PrepareAsync(node);
            await node.RunAsync();
            return 0;
        }
        catch (ConfigurationProblem problem)
        {
            // A wrong setting is the operator's to fix: one line that names it, no stack trace.
            await Console.Error.WriteLineAsync($"Makerspace jobs cannot start: {problem.Message}");
            return 1;
        }
    }
}
