using Booking.Data;
using Booking.Web;

// First: what malloc holds free (the JIT's, above all) goes back to the system every 10 s (README "Performance").
NativeHeap.KeepSmall();

// migrate, migrate --check, sqlite-backup: an operator's command with this node's settings, then exit (README "Upgrades").
if (OperatorCommand.Parse(args) is { } command)
{
    return await command.RunAsync(MakerspaceApp.Build, Console.Out, Console.Error);
}

try
{
    var app = MakerspaceApp.Build(args);
    await MakerspaceApp.PrepareDatabaseAsync(app);
    MakerspaceApp.UsePipeline(app);
    await app.RunAsync();
    return 0;
}
catch (ConfigurationProblem problem)
{
    // A wrong setting is the operator's to fix: one line that names it, no stack trace.
    Console.Error.WriteLine($"Makerspace cannot start: {problem.Message}");
    return 1;
}

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
