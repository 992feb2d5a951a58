using Booking.Jobs.Configuration;
using Booking.Workflows.Privacy;
using Microsoft.Extensions.Logging;

namespace Booking.Jobs.Sweeps;

/// <summary>
/// Privacy by default: personal data in reservations, waiting lists, session places, notifications, suspensions and networking
/// that ended more than <c>Privacy:RetentionDays</c> ago is anonymised or deleted (see <see cref="PersonalData"/>).
/// </summary>
public sealed class PrivacySweep(PersonalData personalData, JobsOptions options, TimeProvider clock, ILogger<PrivacySweep> logger) : ISweep
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-options.RetentionDays);
        var touched = await personalData.ForgetOlderThanAsync(cutoff, ct);
        if (touched > 0)
        {
            logger.LogInformation("Privacy retention: {Rows} rows older than {Days} days anonymised or deleted", touched, options.RetentionDays);
        }

        return touched;
    }
}
