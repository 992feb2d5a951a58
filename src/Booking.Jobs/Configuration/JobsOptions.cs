using System.Globalization;
using Booking.Data;
using Booking.Domain.Reservations;
using Microsoft.Extensions.Configuration;

namespace Booking.Jobs.Configuration;

/// <summary>The <c>Jobs:*</c> settings, read and checked once at start-up.</summary>
public sealed record JobsOptions
{
    public static readonly IReadOnlyList<TimeSpan> DefaultLeadTimes = [TimeSpan.FromHours(24), TimeSpan.FromHours(1)];

    /// <summary>How long before a start each reminder goes out, longest first.</summary>
    public IReadOnlyList<TimeSpan> LeadTimes { get; init; } = DefaultLeadTimes;

    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Run the Quartz sweeps on this node.</summary>
    public bool SchedulerEnabled { get; init; } = true;

    /// <summary>Run Hangfire workers (e-mail delivery) on this node.</summary>
    public bool WorkersEnabled { get; init; } = true;

    /// <summary>The Quartz scheduler's name; every node of one cluster uses the same.</summary>
    public string SchedulerName { get; init; } = "Makerspace";

    /// <summary>A notification still unsent this long after it was queued is queued again (delivery jobs retry for less).</summary>
    public TimeSpan RequeueAfter { get; init; } = TimeSpan.FromHours(6);

    /// <summary>How often Hangfire workers look for new and retried jobs.</summary>
    public TimeSpan WorkerPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Rows the no-show and reminder sweeps handle per transaction; a run loops until nothing is due.</summary>
    public int SweepBatchSize { get; init; } = 2000;

    /// <summary>Personal data in what ended this many days ago is anonymised (<c>Privacy:RetentionDays</c>).</summary>
    public int RetentionDays { get; init; } = 90;

    /// <summary>How long before a networking session its unclaimed desks go back to public booking (<c>Sessions:ReleaseUnclaimedDesksBefore</c>).</summary>
    public TimeSpan ReleaseUnclaimedDesksBefore { get; init; } = TimeSpan.FromHours(2);

    /// <summary>The no-show strike rule, read from <c>Booking:NoShowStrikes:*</c>.</summary>
    public NoShowStrikes NoShowStrikes { get; init; } = new();

    public static JobsOptions Read(IConfiguration configuration)
    {
        var options = new JobsOptions
        {
            LeadTimes = ReadLeadTimes(configuration["Jobs:Reminders:LeadTimes"]),
            SweepInterval = SettingValues.Duration(configuration, "Jobs:SweepInterval", TimeSpan.FromMinutes(1)),
            SchedulerEnabled = SettingValues.Flag(configuration, "Jobs:Scheduler:Enabled", true),
            WorkersEnabled = SettingValues.Flag(configuration, "Jobs:Workers:Enabled", true),
            SchedulerName = configuration["Jobs:Scheduler:Name"] is { Length: > 0 } name ? name : "Makerspace",
            RequeueAfter = SettingValues.Duration(configuration, "Jobs:Delivery:RequeueAfter", TimeSpan.FromHours(6)),
            WorkerPollInterval = SettingValues.Duration(configuration, "Jobs:Workers:PollInterval", TimeSpan.FromSeconds(2)),
            SweepBatchSize = SettingValues.Count(configuration, "Jobs:Sweeps:BatchSize", 2000),
            RetentionDays = SettingValues.Count(configuration, "Privacy:RetentionDays", 90),
            ReleaseUnclaimedDesksBefore = SettingValues.Duration(configuration, "Sessions:ReleaseUnclaimedDesksBefore", TimeSpan.FromHours(2)),
            NoShowStrikes = new NoShowStrikes(
                SettingValues.Count(configuration, "Booking:NoShowStrikes:Count", 3),
                SettingValues.Count(configuration, "Booking:NoShowStrikes:WindowDays", 60),
                SettingValues.Count(configuration, "Booking:NoShowStrikes:SuspensionDays", 14)),
        };
        return options;
    }

    public static IReadOnlyList<TimeSpan> ReadLeadTimes(string? value)
    {
        const string key = "Jobs:Reminders:LeadTimes";
        if (value is null)
        {
            return DefaultLeadTimes;
        }

        var parts = value.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Any(p => p.Length == 0))
        {
            throw new ConfigurationProblem($"{key} is '{value}'; give durations separated by commas, e.g. 24h,1h.");
        }

        var leads = parts.Select(p => DurationSettings.Parse(key, p)).ToList();
        if (leads.Distinct().Count() != leads.Count)
        {
            throw new ConfigurationProblem($"{key} is '{value}'; each lead time may appear only once.");
        }

        if (leads.Any(l => l.TotalMinutes % 1 != 0))
        {
            throw new ConfigurationProblem($"{key} is '{value}'; lead times are whole minutes.");
        }

        return leads.OrderDescending().ToList();
    }
}
