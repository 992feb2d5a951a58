using System.Collections.Concurrent;
using Booking.Data;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Npgsql;
using Xunit.Abstractions;

namespace Booking.IntegrationTests.Jobs;

/// <summary>
/// One node of a scheduler cluster: the real app with its own Quartz scheduler (1-second sweeps, on the shared fake clock as Quartz 4 takes the container's TimeProvider) and Hangfire
/// workers, on a database, an SMTP server and a clock it shares with the other nodes.
/// </summary>
public sealed class SchedulerNode(TestDatabase database, TestSmtpServer smtp, FakeTimeProvider clock, ConcurrentQueue<string> hangfireLog) : MakerspaceHost
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:UseTls"] = "false",
        ["Smtp:From"] = "Makerspace <makerspace@library.test>",
        ["Jobs:Scheduler:Enabled"] = "true",
        ["Jobs:SweepInterval"] = "1s",
        ["Jobs:Workers:Enabled"] = "true",
        ["Jobs:Workers:PollInterval"] = "0.2s",
    };

    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(database);

    protected override bool OwnsDatabase => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Registered after the host's own clock, so it wins: every node reads the one fake clock.
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        // Hangfire's own account of its workers (fetch errors, retries), kept for a failure's explanation.
        builder.ConfigureLogging(logging => logging
            .AddFilter<CollectingLoggerProvider>("Hangfire", LogLevel.Debug)
            .AddProvider(new CollectingLoggerProvider(hangfireLog)));
    }
}

/// <summary>Keeps every line Hangfire logs (all levels), with its time.</summary>
public sealed class CollectingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Collector(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Collector(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => category.StartsWith("Hangfire", StringComparison.Ordinal);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)} {exception?.GetType().Name} {exception?.Message}");
            }
        }
    }
}

/// <summary>
/// Guarantee 1 across nodes: two real Quartz schedulers (the app's own registration) on one database, the
/// sweeps fired by Quartz as the fake clock moves, mail through Hangfire to a real SMTP
/// server. On PostgreSQL the job store is clustered and both nodes must be registered in it.
/// </summary>
public sealed class SchedulerClusterTests(ITestOutputHelper output)
{
    private const string Zone = "America/New_York";
    private const int Reservations = 6;

    [Fact]
    public async Task TwoNodes_QuartzSweepsOnFakeClock_EachReminderOfEachLeadMailedOnce()
    {
        var database = await TestDatabase.CreateAsync();
        var smtp = await TestSmtpServer.StartAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 12, 12, 0, 0, TimeSpan.Zero));
        var hangfireLog = new ConcurrentQueue<string>();
        var first = new SchedulerNode(database, smtp, clock, hangfireLog);
        var second = new SchedulerNode(database, smtp, clock, hangfireLog);
        try
        {
            // One after the other, as nodes join a running cluster (the first one creates the schemas).
            await first.InitializeAsync();
            var firstRuns = await SweepRuns.AttachAsync(first.Services);
            await second.InitializeAsync();
            var secondRuns = await SweepRuns.AttachAsync(second.Services);
            int ReminderRuns() => firstRuns.Count("reminders") + secondRuns.Count("reminders");
            int DeliveryRuns() => firstRuns.Count("mail-delivery") + secondRuns.Count("mail-delivery");

            var branch = await first.BranchAsync(Zone);
            var start = clock.DaysAhead(Zone, 3, 9);
            var patrons = new List<string>();
            for (var i = 0; i < Reservations; i++)
            {
                var room = await first.ResourceAsync(branch.Id, KnownKinds.Room);
                var patron = await (i % 2 == 0 ? first : second).SignInNewAsync();
                await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync();
                patrons.Add(patron.Email);
            }

            // Quartz fires every real second; by the fake clock nothing is due yet.
            var runs = ReminderRuns();
            await SweepRuns.TickUntilAsync(clock, () => ReminderRuns() >= runs + 3, "three reminder sweeps");
            Assert.Empty(Reminders(smtp));

            // When a wait times out, the failure says where the work stopped: the sweeps' last runs, the mail not yet
            // sent and (PostgreSQL) Quartz's own rows; the run once stalled after a clock jump under load.
            async Task TickOrExplainAsync(Func<bool> condition, string what)
            {
                try
                {
                    // Five minutes: room for a delivery that fails and waits out Hangfire's first four retries (10+30+60+120 s).
                    await SweepRuns.TickUntilAsync(clock, condition, what, TimeSpan.FromMinutes(5));
                }
                catch (TimeoutException e)
                {
                    var log = string.Join("\n", hangfireLog.TakeLast(200));
                    throw new TimeoutException($"{e.Message}\n{await DescribeAsync(database, first, clock, smtp, firstRuns, secondRuns)}\nHangfire's log (last 200 lines):\n{log}", e);
                }
            }

            clock.MoveTo(start.AddHours(-24).AddMinutes(1));
            await TickOrExplainAsync(() => Reminders(smtp).Count >= Reservations, "the 24-hour reminders");
            await MoreSweepsAsync(clock, ReminderRuns, DeliveryRuns);
            Assert.Equal(Reservations, Reminders(smtp).Count);

            clock.MoveTo(start.AddMinutes(-59));
            await TickOrExplainAsync(() => Reminders(smtp).Count >= 2 * Reservations, "the 1-hour reminders");
            await MoreSweepsAsync(clock, ReminderRuns, DeliveryRuns);

            foreach (var email in patrons)
            {
                var mine = Reminders(smtp).Where(m => m.To.Mailboxes.Any(a => a.Address == email)).ToList();
                Assert.Equal(2, mine.Count);
                Assert.Single(mine, m => m.Subject!.Contains("in 24 hours", StringComparison.Ordinal));
                Assert.Single(mine, m => m.Subject!.Contains("in 1 hour", StringComparison.Ordinal));
            }

            var all = firstRuns.Runs.Concat(secondRuns.Runs).ToList();
            Assert.All(all, r => Assert.Null(r.Failure));
            output.WriteLine($"sweeps run: first node {firstRuns.Runs.Count}, second node {secondRuns.Runs.Count}");

            if (database.Provider == DatabaseProvider.Postgres)
            {
                // Clustering is really on: both nodes checked in to the one store, each trigger is stored once,
                // and no fire of any trigger ran on both nodes (the trap in STACK-NOTES).
                Assert.NotEqual(firstRuns.Scheduler.SchedulerInstanceId, secondRuns.Scheduler.SchedulerInstanceId);
                var registered = await QueryAsync(database, "SELECT instance_name FROM qrtz_scheduler_state WHERE sched_name = 'Makerspace'");
                Assert.Equal(
                    new[] { firstRuns.Scheduler.SchedulerInstanceId, secondRuns.Scheduler.SchedulerInstanceId }.Order(),
                    registered.Order());
                var triggers = await QueryAsync(database, "SELECT trigger_name FROM qrtz_triggers WHERE sched_name = 'Makerspace'");
                Assert.Equal(triggers.Distinct().Count(), triggers.Count);
                Assert.Contains("reminders-every-1s", triggers);
                var fires = all.Where(r => r.Trigger.EndsWith("-every-1s", StringComparison.Ordinal)).GroupBy(r => (r.Trigger, r.ScheduledFireUtc));
                Assert.All(fires, fire => Assert.Single(fire));
            }
            else
            {
                // The embedded default: each node's store is its own, so both sweep; the stamps keep it once.
                Assert.True(firstRuns.Count("reminders") > 0 && secondRuns.Count("reminders") > 0, "both unclustered nodes sweep");
            }
        }
        finally
        {
            await ((IAsyncLifetime)second).DisposeAsync();
            await ((IAsyncLifetime)first).DisposeAsync();
            await database.DisposeAsync();
            await smtp.DisposeAsync();
        }
    }

    /// <summary>Lets both sweeps run a few more times across the nodes, so a doubled mail would have had its chance.</summary>
    private static async Task MoreSweepsAsync(FakeTimeProvider clock, Func<int> reminderRuns, Func<int> deliveryRuns)
    {
        var reminders = reminderRuns();
        var deliveries = deliveryRuns();
        await SweepRuns.TickUntilAsync(clock, () => reminderRuns() >= reminders + 3 && deliveryRuns() >= deliveries + 3, "three more sweeps");
    }

    private static async Task<string> DescribeAsync(TestDatabase database, SchedulerNode node, FakeTimeProvider clock, TestSmtpServer smtp, params SweepRuns[] nodes)
    {
        var lines = new List<string> { $"fake now {clock.GetUtcNow():O}, real now {DateTimeOffset.UtcNow:O}, reminders mailed {Reminders(smtp).Count}" };
        foreach (var runs in nodes)
        {
            lines.AddRange(runs.Runs.GroupBy(r => r.Job).Select(g =>
                $"node {runs.Scheduler.SchedulerInstanceId} {g.Key}: {g.Count()} runs, last fire {g.Last().ScheduledFireUtc:O}, failures {g.Count(r => r.Failure is not null)}"));
        }

        var unsent = await node.InScopeAsync(db => db.Notifications.AsNoTracking().Where(n => n.SentAtUtc == null)
            .Select(n => new { n.Id, n.Kind, n.Subject, n.CreatedAtUtc, n.QueuedAtUtc, n.DiscardedAtUtc, n.DiscardReason }).ToListAsync());
        lines.AddRange(unsent.Select(n => $"unsent {n.Id} {n.Kind} '{n.Subject}' created {n.CreatedAtUtc:O} queued {n.QueuedAtUtc:O} discarded {n.DiscardedAtUtc:O} {n.DiscardReason}"));
        if (database.Provider == DatabaseProvider.Postgres)
        {
            lines.AddRange(await QueryAsync(database, "SELECT trigger_name || ' ' || trigger_state || ' next ' || next_fire_time::text || ' prev ' || coalesce(prev_fire_time::text, '-') FROM qrtz_triggers ORDER BY trigger_name"));
            lines.AddRange(await QueryAsync(database, "SELECT 'state ' || instance_name || ' checkin ' || last_checkin_time::text FROM qrtz_scheduler_state"));
            lines.AddRange(await QueryAsync(database, "SELECT 'fired ' || trigger_name || ' ' || state || ' on ' || instance_name FROM qrtz_fired_triggers"));
            lines.AddRange(await QueryAsync(database, """
                SELECT 'hangfire job ' || j.id || ' ' || coalesce(j.statename, '-') || ' args ' || j.arguments || ' ' || coalesce(s.reason, '')
                FROM hangfire.job j LEFT JOIN hangfire.state s ON s.id = j.stateid
                WHERE j.statename IS DISTINCT FROM 'Succeeded' ORDER BY j.id DESC LIMIT 20
                """));
            lines.AddRange(await QueryAsync(database, """
                SELECT 'history of job ' || s.jobid || ': ' || string_agg(s.name || ' at ' || s.createdat::text || coalesce(' (' || s.reason || ')', ''), ', ' ORDER BY s.id)
                FROM hangfire.state s JOIN hangfire.job j ON j.id = s.jobid
                WHERE j.statename IS DISTINCT FROM 'Succeeded' GROUP BY s.jobid
                """));
            lines.AddRange(await QueryAsync(database, "SELECT 'queue row ' || id || ' job ' || jobid || ' ' || queue || ' fetched ' || coalesce(fetchedat::text, 'never') FROM hangfire.jobqueue ORDER BY id"));
            lines.AddRange(await QueryAsync(database, "SELECT 'lock ' || resource || ' acquired ' || coalesce(acquired::text, '-') FROM hangfire.lock"));
            lines.AddRange(await QueryAsync(database, "SELECT 'server ' || id || ' heartbeat ' || lastheartbeat::text || ' ' || data FROM hangfire.server"));
            lines.AddRange(await QueryAsync(database, """
                SELECT 'session ' || pid || ' ' || coalesce(state, '-') || ' since ' || coalesce(xact_start::text, '-') || ' wait ' || coalesce(wait_event_type || '/' || wait_event, '-') || ': ' || left(query, 160)
                FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
                """));
            lines.Add($"database now {string.Join("", await QueryAsync(database, "SELECT now()::text"))}");
        }

        return string.Join("\n", lines);
    }

    private static List<MimeMessage> Reminders(TestSmtpServer smtp) =>
        smtp.Received.Where(m => (m.Subject ?? "").StartsWith("Reminder:", StringComparison.Ordinal)).ToList();

    private static async Task<List<string>> QueryAsync(TestDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
