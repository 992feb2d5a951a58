using System.Net.Http.Json;
using System.Text.Json;
using Booking.Domain.Notifications;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.Jobs.Sweeps;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Jobs;

/// <summary>Reminders: each lead time once per reservation, whatever retries, crashes or nodes; none for a cancelled or stale time.</summary>
public sealed class ReminderTests(JobsHost host) : IClassFixture<JobsHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Sweep_RepeatedAtEachLead_EachReminderMailedOnceWithStableCalendarUid()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var start = DaysAhead(3, 10);
        var id = (await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();

        await MoveToAsync(start.AddHours(-24).AddMinutes(1));
        Assert.Equal(1, await CountRemindersQueuedAsync(id));
        await host.SweepAsync<ReminderSweep>();
        await host.SweepAsync<ReminderSweep>();
        Assert.Empty(await host.DeliverAllAsync());
        Assert.Empty(await host.DeliverAllAsync());

        await MoveToAsync(start.AddMinutes(-59));
        await Task.WhenAll(host.SweepAsync<ReminderSweep>(), host.SweepAsync<ReminderSweep>());
        await host.SweepAsync<ReminderSweep>();
        Assert.Empty(await host.DeliverAllAsync());

        var reminders = Reminders(patron.Email);
        Assert.Equal(2, reminders.Count);
        Assert.Contains(reminders, m => (m.Subject ?? "").Contains("in 24 hours", StringComparison.Ordinal));
        Assert.Contains(reminders, m => (m.Subject ?? "").Contains("in 1 hour", StringComparison.Ordinal));
        foreach (var mail in reminders)
        {
            Assert.False(string.IsNullOrWhiteSpace(mail.TextBody));
            Assert.Contains("<p ", mail.HtmlBody ?? "", StringComparison.Ordinal);
            var ics = Ics(mail);
            Assert.Contains($"UID:{id}@makerspace", ics, StringComparison.Ordinal);
            Assert.Contains("METHOD:REQUEST", ics, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Sweep_BookedInsideLeadTime_NoStaleLongReminder()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        // Booked 5 hours ahead: inside the 24-hour lead, outside the 1-hour lead.
        var start = DaysAhead(2, 10);
        await MoveToAsync(start.AddHours(-5));
        var patron = await host.SignInNewAsync();
        var id = (await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();

        await host.SweepAsync<ReminderSweep>();
        Assert.Empty(await host.DeliverAllAsync());
        Assert.Empty(Reminders(patron.Email));
        Assert.True(await host.InScopeAsync(db => db.ReservationNotices.AnyAsync(n => n.ReservationId == id && n.Purpose == "reminder-1440" && n.NotificationId == null)));

        await MoveToAsync(start.AddMinutes(-30));
        await host.SweepAsync<ReminderSweep>();
        Assert.Empty(await host.DeliverAllAsync());
        var only = Assert.Single(Reminders(patron.Email));
        Assert.Contains("in 1 hour", only.Subject ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelled_AfterReminderQueued_NoReminderForTheOldTime()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var start = DaysAhead(3, 11);
        var id = (await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
        var other = (await (await patron.Http.BookAsync(room.Id, start.AddHours(2), start.AddHours(3))).JsonAsync()).GetProperty("id").GetGuid();

        await MoveToAsync(start.AddHours(-23));
        await host.SweepAsync<ReminderSweep>();
        Assert.Equal(1, await CountRemindersQueuedAsync(id));
        // Stamped and queued; the patron cancels before the delivery job runs.
        patron = await ResignAsync(patron);
        await (await patron.Http.PostAsync($"/api/v1/reservations/{id}/cancel", null)).JsonAsync();
        await (await patron.Http.PostAsync($"/api/v1/reservations/{other}/cancel", null)).JsonAsync();
        Assert.Empty(await host.DeliverAllAsync());

        await MoveToAsync(start.AddMinutes(-30));
        await host.SweepAsync<ReminderSweep>();
        Assert.Empty(await host.DeliverAllAsync());
        Assert.Empty(Reminders(patron.Email));
        var discarded = await host.InScopeAsync(db => db.Notifications.Where(n => n.ReservationId == id && n.Kind == NotificationKinds.Reminder).ToListAsync());
        Assert.All(discarded, n => Assert.NotNull(n.DiscardedAtUtc));
        Assert.Equal(0, await CountRemindersQueuedAsync(other));
    }

    [Fact]
    public async Task Moved_AfterReminderQueued_NoReminderForTheOldTime_NewTimeRemindedOnce()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var start = DaysAhead(3, 12);
        var id = (await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
        await MoveToAsync(start.AddHours(-23));
        Assert.Equal(1, await CountRemindersQueuedAsync(id));
        var old = await host.InScopeAsync(db => db.Notifications.Where(n => n.ReservationId == id && n.Kind == NotificationKinds.Reminder).Select(n => n.Id).SingleAsync());

        // The app has no "move" today (patrons cancel and book again); a staff correction in the data can move
        // one, and the reminder queued for the old time must not go out.
        var moved = start.AddHours(3);
        var blockedUntil = await host.InScopeAsync(db => db.Reservations.Where(r => r.Id == id).Select(r => r.BlockedUntilUtc).SingleAsync());
        await host.InScopeAsync(db => db.Reservations.Where(r => r.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.StartsAtUtc, moved.UtcDateTime)
            .SetProperty(r => r.EndsAtUtc, moved.AddHours(1).UtcDateTime)
            .SetProperty(r => r.BlockedUntilUtc, blockedUntil.AddHours(3))));
        Assert.Empty(await host.DeliverAllAsync());
        Assert.Empty(Reminders(patron.Email));
        Assert.NotNull(await host.InScopeAsync(db => db.Notifications.Where(n => n.Id == old).Select(n => n.DiscardedAtUtc).SingleAsync()));

        // The new time gets its own reminders, each once.
        await MoveToAsync(moved.AddHours(-24).AddMinutes(1));
        await host.SweepAsync<ReminderSweep>();
        await host.SweepAsync<ReminderSweep>();
        Assert.Empty(await host.DeliverAllAsync());
        await MoveToAsync(moved.AddMinutes(-59));
        await host.SweepAsync<ReminderSweep>();
        Assert.Empty(await host.DeliverAllAsync());
        var reminders = Reminders(patron.Email);
        Assert.Equal(2, reminders.Count);
        Assert.Single(reminders, m => (m.Subject ?? "").Contains("in 24 hours", StringComparison.Ordinal));
        Assert.Single(reminders, m => (m.Subject ?? "").Contains("in 1 hour", StringComparison.Ordinal));
        Assert.All(reminders, m => Assert.DoesNotContain(old.ToString("N"), m.MessageId ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delivery_SmtpDownThenBack_SentOnceNothingLost()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var start = DaysAhead(3, 15);
        var id = (await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
        await MoveToAsync(start.AddHours(-23));
        await host.SweepAsync<ReminderSweep>();
        var notificationId = await host.InScopeAsync(db => db.Notifications.Where(n => n.ReservationId == id && n.Kind == NotificationKinds.Reminder).Select(n => n.Id).SingleAsync());

        host.Smtp.Down = true;
        try
        {
            // The job lets the failure escape (Hangfire retries it); the stamp stays "not sent".
            await Assert.ThrowsAnyAsync<Exception>(() => host.DeliverAsync(notificationId));
            await Assert.ThrowsAnyAsync<Exception>(() => host.DeliverAsync(notificationId));
            // A sweep re-run meanwhile does not make a second reminder.
            Assert.Equal(0, await host.SweepAsync<ReminderSweep>());
        }
        finally
        {
            host.Smtp.Down = false;
        }

        Assert.Null(await host.InScopeAsync(db => db.Notifications.Where(n => n.Id == notificationId).Select(n => n.SentAtUtc).SingleAsync()));
        await host.DeliverAsync(notificationId);
        await host.DeliverAsync(notificationId); // a retry that was already in flight: a no-op
        var mail = Assert.Single(Reminders(patron.Email), m => Ics(m).Contains($"UID:{id}@makerspace", StringComparison.Ordinal));
        Assert.Contains(notificationId.ToString("N"), mail.MessageId ?? "", StringComparison.Ordinal);
        Assert.NotNull(await host.InScopeAsync(db => db.Notifications.Where(n => n.Id == notificationId).Select(n => n.SentAtUtc).SingleAsync()));
        Assert.Equal(10, Booking.Jobs.Delivery.DeliverNotification.RetryDelaysInSeconds.Length);
        Assert.True(Booking.Jobs.Delivery.DeliverNotification.RetryDelaysInSeconds.Zip(Booking.Jobs.Delivery.DeliverNotification.RetryDelaysInSeconds.Skip(1)).All(p => p.First < p.Second), "back-off grows");
    }

    [Fact]
    public async Task TwoSchedulerNodes_SweepAtOnce_EachReminderOnce()
    {
        var branch = await host.BranchAsync(Zone);
        var patrons = new List<SignedInClient>();
        var ids = new List<Guid>();
        var start = DaysAhead(3, 9);
        for (var i = 0; i < 8; i++)
        {
            var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
            var patron = await host.SignInNewAsync();
            patrons.Add(patron);
            ids.Add((await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid());
        }

        await MoveToAsync(start.AddHours(-23));
        // Two nodes: separate scopes (own DbContext and connection) sweeping the same database at once.
        var queued = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => host.SweepAsync<ReminderSweep>())));
        Assert.Equal(8, queued.Sum());
        foreach (var id in ids)
        {
            Assert.Equal(1, await CountRemindersQueuedAsync(id));
        }

        Assert.Empty(await host.DeliverAllAsync());
        foreach (var patron in patrons)
        {
            Assert.Single(Reminders(patron.Email));
        }
    }

    private async Task<int> CountRemindersQueuedAsync(Guid reservationId)
    {
        await host.SweepAsync<ReminderSweep>();
        return await host.InScopeAsync(db => db.Notifications.CountAsync(n => n.ReservationId == reservationId && n.Kind == NotificationKinds.Reminder && n.DiscardedAtUtc == null));
    }

    private List<MimeMessage> Reminders(string email) => host.Smtp.To(email).Where(m => (m.Subject ?? "").StartsWith("Reminder:", StringComparison.Ordinal)).ToList();

    private static string Ics(MimeMessage message)
    {
        var part = message.Attachments.OfType<MimePart>().Single(a => a.ContentType.MimeType == "text/calendar");
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A local time at the branch some days after the shared clock's present, so test order does not matter.</summary>
    private DateTimeOffset DaysAhead(int days, int hour)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Zone);
        var today = TimeZoneInfo.ConvertTime(host.Clock.GetUtcNow(), zone).Date;
        return Local(Zone, today.AddDays(days).AddHours(hour).ToString("s", System.Globalization.CultureInfo.InvariantCulture));
    }

    private Task MoveToAsync(DateTimeOffset when)
    {
        var delta = when - host.Clock.GetUtcNow();
        if (delta > TimeSpan.Zero)
        {
            host.Clock.Advance(delta);
        }

        return Task.CompletedTask;
    }

    private async Task<SignedInClient> ResignAsync(SignedInClient patron) =>
        patron with { Http = await host.SignInAsync(patron.Email, MakerspaceHost.Password) };
}
