using System.Globalization;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.Jobs.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Jobs;

/// <summary>
/// The deployment the README describes: a web node with its jobs off, and a jobs-only node (Booking.Jobs on its
/// own, no web server) on the same database. The reminder and the no-show release happen once, on the jobs node.
/// </summary>
public sealed class JobsNodeTests
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task WebNodeWithJobsOff_AndAJobsNode_ReminderAndNoShowReleaseOnce()
    {
        var database = await TestDatabase.CreateAsync();
        var smtp = await TestSmtpServer.StartAsync();
        var mail = new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Smtp:UseTls"] = "false",
            ["Smtp:From"] = "Makerspace <makerspace@library.test>",
        };
        var web = new ConfiguredHost("Production", mail, database); // Jobs:Scheduler and Jobs:Workers off, as on extra web nodes
        IHost? jobs = null;
        try
        {
            await web.InitializeAsync();
            var clock = web.Clock;
            // Settings as command-line arguments, as an operator gives them: the node reads its provider and Jobs:*
            // while it is built, before the configure callback runs (so on PostgreSQL the scheduler here is clustered).
            var settings = new Dictionary<string, string?>(mail)
            {
                ["Database:Provider"] = database.Provider.ToString(),
                ["ConnectionStrings:Booking"] = database.ConnectionString,
                ["Jobs:SweepInterval"] = "1s",
                ["Jobs:Workers:PollInterval"] = "0.2s",
            };
            jobs = JobsNode.Build(
                settings.Select(s => $"--{s.Key}={s.Value}").ToArray(),
                builder => builder.Services.AddSingleton<TimeProvider>(clock)); // Quartz fires on it and the sweeps read it
            await JobsNode.PrepareAsync(jobs);
            await jobs.StartAsync();
            var runs = await SweepRuns.AttachAsync(jobs.Services);
            Assert.Null(web.Services.GetService<Quartz.ISchedulerFactory>()); // the web node schedules nothing

            var branch = await web.BranchAsync(Zone);
            var room = await web.ResourceAsync(branch.Id, KnownKinds.Room);
            var patron = await web.SignInNewAsync();
            var start = clock.DaysAhead(Zone, 2, 10);
            var id = (await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
            List<MimeKit.MimeMessage> To(string prefix) => smtp.To(patron.Email).Where(m => (m.Subject ?? "").StartsWith(prefix, StringComparison.Ordinal)).ToList();

            clock.MoveTo(start.AddHours(-24).AddMinutes(1));
            await SweepRuns.TickUntilAsync(clock, () => To("Reminder:").Count >= 1, "the 24-hour reminder from the jobs node", TimeSpan.FromMinutes(2));
            await MoreSweepsAsync(runs, clock);

            clock.MoveTo(start.AddMinutes(room.EffectivePolicy(BookingPolicy.DefaultFor(KnownKinds.Room)).NoShowGraceMinutes + 1));
            await SweepRuns.TickUntilAsync(clock, () => To("Your reservation of").Count >= 1, "the no-show notice from the jobs node", TimeSpan.FromMinutes(2));
            await MoreSweepsAsync(runs, clock);

            Assert.Single(To("Reminder:"));
            Assert.Single(To("Your reservation of"));
            Assert.Equal(ReservationStatus.NoShow, await web.InScopeAsync(db => db.Reservations.Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));
            Assert.All(runs.Runs, r => Assert.Null(r.Failure));
        }
        finally
        {
            if (jobs is not null)
            {
                await jobs.StopAsync();
                jobs.Dispose();
            }

            await ((IAsyncLifetime)web).DisposeAsync();
            await database.DisposeAsync();
            await smtp.DisposeAsync();
        }
    }

    /// <summary>Lets the reminder, no-show and delivery sweeps run a few more times, so a doubled mail would have had its chance.</summary>
    private static async Task MoreSweepsAsync(SweepRuns runs, Microsoft.Extensions.Time.Testing.FakeTimeProvider clock)
    {
        var before = (runs.Count("reminders"), runs.Count("no-shows"), runs.Count("mail-delivery"));
        await SweepRuns.TickUntilAsync(clock, () => runs.Count("reminders") >= before.Item1 + 3 && runs.Count("no-shows") >= before.Item2 + 3
            && runs.Count("mail-delivery") >= before.Item3 + 3, "three more sweeps of each kind");
    }
}
