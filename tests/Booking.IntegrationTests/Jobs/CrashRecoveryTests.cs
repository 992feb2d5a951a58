using Booking.Domain.Notifications;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.Jobs.Sweeps;
using Microsoft.EntityFrameworkCore;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Jobs;

/// <summary>
/// SPEC rule 5: a reminder stamped and claimed for delivery, whose delivery job was lost in a crash,
/// is delivered once after the requeue delay, and the lost job running late does not send it again.
/// </summary>
public sealed class CrashRecoveryTests(JobsHost host) : IClassFixture<JobsHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Reminder_ClaimedThenDeliveryLost_RequeuedAndSentOnce_LateJobSkips()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var start = host.Clock.DaysAhead(Zone, 3, 10);
        var id = (await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();

        host.Clock.MoveTo(start.AddHours(-24).AddMinutes(1));
        await host.SweepAsync<ReminderSweep>();
        var reminder = await host.InScopeAsync(db => db.Notifications.SingleAsync(n => n.ReservationId == id && n.Kind == NotificationKinds.Reminder));

        // Claimed for delivery; then the process "crashes": the queued job never runs.
        Assert.True(await host.SweepAsync<DeliverySweep>() >= 1);
        Assert.Equal(0, await host.SweepAsync<DeliverySweep>()); // claimed: not queued twice meanwhile
        Assert.Equal(0, await host.SweepAsync<ReminderSweep>()); // stamped: no second reminder

        // After the requeue delay the sweep claims it again and a worker delivers it.
        host.Clock.Advance(TimeSpan.FromHours(6).Add(TimeSpan.FromMinutes(1)));
        Assert.True(await host.SweepAsync<DeliverySweep>() >= 1);
        await host.DeliverAsync(reminder.Id);

        // The lost job finally runs after the restart: it re-reads the row and skips what was sent.
        await host.DeliverAsync(reminder.Id);

        var mails = host.Smtp.To(patron.Email).Where(m => (m.Subject ?? "").StartsWith("Reminder:", StringComparison.Ordinal)).ToList();
        Assert.Single(mails);
        var sent = await host.InScopeAsync(db => db.Notifications.Where(n => n.Id == reminder.Id).Select(n => n.SentAtUtc).SingleAsync());
        Assert.NotNull(sent);
    }
}
