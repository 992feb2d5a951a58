using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace Booking.IntegrationTests.Infrastructure;

/// <summary>One sweep as Quartz ran it: which job, which trigger fire, on which node, how it ended, and its fire's id.</summary>
public sealed record SweepRun(string Job, string Trigger, DateTimeOffset? ScheduledFireUtc, string Node, Exception? Failure, string FireId);

/// <summary>
/// Records every sweep the real Quartz scheduler of one host runs, so a test waits on runs it can observe
/// (bounded by a timeout), never on a fixed sleep: Quartz fires on real time, the sweeps read the fake clock.
/// </summary>
public sealed class SweepRuns : IJobListener
{
    private static readonly GroupMatcher<JobKey> Sweeps = GroupMatcher<JobKey>.GroupEquals("sweeps");
    private readonly ConcurrentQueue<SweepRun> _runs = new();
    private IScheduler? _scheduler;

    private SweepRuns()
    {
    }

    public string Name => "test-sweep-runs";

    public IScheduler Scheduler => _scheduler ?? throw new InvalidOperationException("The host is not started.");

    public IReadOnlyList<SweepRun> Runs => _runs.ToList();

    /// <summary>Listens to a host that is already running: it sees the runs that end from now on.</summary>
    public static async Task<SweepRuns> AttachAsync(IServiceProvider services)
    {
        var runs = new SweepRuns { _scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler() };
        runs.Scheduler.ListenerManager.AddJobListener(runs, [Sweeps]);
        return runs;
    }

    /// <summary>
    /// For a host whose tests fire every sweep by hand: registered before the host starts, so it also sees the first
    /// run of each sweep (its trigger starts now). <see cref="TakeOverAsync"/> then stops the schedule.
    /// </summary>
    public static SweepRuns Register(IServiceCollection services)
    {
        var runs = new SweepRuns();
        services.AddQuartz(q => q.AddJobListener(runs, [Sweeps]));
        return runs;
    }

    /// <summary>
    /// Waits for every sweep's first run to end, then pauses the sweeps' triggers, so from here on only
    /// <see cref="RunNowAsync"/> runs a sweep. A long interval alone is not enough: a first run that ends late (a busy
    /// machine) reads the clock a test has already moved and takes that test's work before the run it fired by hand.
    /// The triggers <see cref="RunNowAsync"/> makes are in Quartz's default group, so they still fire.
    /// </summary>
    public async Task TakeOverAsync(IServiceProvider services)
    {
        _scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var jobs = await Scheduler.GetJobKeys(Sweeps);
        await Eventually.TrueAsync(
            () => jobs.All(j => Count(j.Name) >= 1),
            "the first run of each sweep",
            TimeSpan.FromSeconds(60));
        await Scheduler.PauseTriggerGroups(GroupMatcher<TriggerKey>.GroupEquals("sweeps"));
    }

    public int Count(string job) => _runs.Count(r => r.Job == job);

    /// <summary>Waits until <paramref name="job"/> has finished at least <paramref name="count"/> runs on this node.</summary>
    public Task WaitForAsync(string job, int count, TimeSpan? timeout = null) =>
        Eventually.TrueAsync(() => Count(job) >= count, $"{count} runs of {job} (saw {Count(job)})", timeout);

    /// <summary>Fires <paramref name="job"/> now through the scheduler (as its trigger would) and waits for that run to finish; its failure escapes.</summary>
    public async Task RunNowAsync(string job)
    {
        var before = Count(job);
        await Scheduler.TriggerJob(new JobKey(job, "sweeps"));
        await WaitForAsync(job, before + 1);
        var failure = _runs.Where(r => r.Job == job).Skip(before).Select(r => r.Failure).FirstOrDefault(f => f is not null);
        if (failure is not null)
        {
            throw new InvalidOperationException($"The {job} sweep failed under Quartz.", failure);
        }
    }

    /// <summary>
    /// Quartz 4 runs on the container's TimeProvider, so in tests on the fake clock: this moves it a second at a
    /// time (each step a fire of every 1-second trigger) until <paramref name="condition"/> holds, bounded in real time.
    /// </summary>
    public static Task TickUntilAsync(FakeTimeProvider clock, Func<bool> condition, string what, TimeSpan? timeout = null) =>
        Eventually.TrueAsync(
            () =>
            {
                if (condition())
                {
                    return true;
                }

                clock.Advance(TimeSpan.FromSeconds(1));
                return false;
            },
            what,
            timeout ?? TimeSpan.FromSeconds(60),
            TimeSpan.FromMilliseconds(100));

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        _runs.Enqueue(new SweepRun(context.JobDetail.Key.Name, context.Trigger.Key.Name, context.ScheduledFireTimeUtc, context.Scheduler.SchedulerInstanceId, jobException, context.FireInstanceId));
        return ValueTask.CompletedTask;
    }
}
