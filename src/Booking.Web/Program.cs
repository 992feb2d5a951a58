using Booking.Data;
using Booking.Web;

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
