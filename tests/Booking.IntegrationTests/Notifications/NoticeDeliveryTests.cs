using System.Net;
using System.Net.Http.Json;
using Booking.Data.Identity;
using Booking.Domain.Notifications;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Booking.Jobs.Sweeps;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Booking.IntegrationTests.Notifications;

/// <summary>
/// Notifications through the real path (workflow or sweep → row with facts → delivery job → SMTP), on both databases:
/// the recipient's saved language, one calendar event that updates and then cancels, session registrations, and
/// rows queued before facts were kept.
/// </summary>
public sealed class NoticeDeliveryTests(MailSiteHost host) : IClassFixture<MailSiteHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Reservation_ConfirmationReminderCancellation_OneCalendarEventThatUpdatesThenCancels()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var start = host.Clock.DaysAhead(Zone, 3, 10);
        var id = (await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();

        await host.SweepAsync<ConfirmationSweep>();
        Assert.Empty(await host.DeliverAllAsync());
        host.Clock.MoveTo(start.AddHours(-24).AddMinutes(1));
        await host.SweepAsync<ReminderSweep>();
        Assert.Empty(await host.DeliverAllAsync());
        var staff = await host.SignInNewAsync(Roles.Staff); // signed in now: a token from before the clock moved has run out
        var cancelled = await staff.Http.PostAsJsonAsync($"/api/v1/reservations/{id}/cancel", new { reason = "The room is needed for a class." });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Empty(await host.DeliverAllAsync());

        var mails = host.Smtp.To(patron.Email).OrderBy(m => m.Date).ToList();
        Assert.All(mails, m => Assert.Contains("<html lang=\"en\">", m.HtmlBody, StringComparison.Ordinal)); // written from facts (the sweep's batch insert keeps them too)
        Assert.Contains(mails, m => (m.Subject ?? "").StartsWith("Reminder:", StringComparison.Ordinal));
        var files = mails.Select(Ics).OfType<string>().Select(text => Calendar.Load(text)!).ToList();
        Assert.Equal(["REQUEST", "REQUEST", "CANCEL"], files.Select(c => c.Method));
        var events = files.Select(c => Assert.Single(c.Events)).ToList();
        Assert.All(events, e => Assert.Equal($"{id}@makerspace", e.Uid));
        var sequences = events.Select(e => e.Sequence).ToList();
        Assert.Equal(sequences.Order().Distinct(), sequences); // strictly growing: each file supersedes the one before

        // Read back as a calendar would: the version with the highest SEQUENCE wins, and it is cancelled.
        var latest = events.MaxBy(e => e.Sequence)!;
        Assert.Equal(EventStatus.Cancelled, latest.Status);
        Assert.All(events, e => Assert.Equal("mailto:makerspace@library.test", e.Organizer!.Value!.ToString()));
        Assert.All(events, e => Assert.Equal($"mailto:{patron.Email}", Assert.Single(e.Attendees).Value!.ToString()));
        Assert.Equal(start.UtcDateTime, events[0].DtStart!.AsUtc);
    }

    [Fact]
    public async Task SessionRegistration_ConfirmedInThePatronsSavedLanguage_WithCalendar_AndListedInMyReservations()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        await SaveLanguageAsync(patron.UserId, "es");
        var start = host.Clock.DaysAhead(Zone, 5, 15);
        var session = await (await staff.Http.ScheduleAsync(new { kind = "workshop", title = "Soldadura básica", roomId = room.Id, start, end = start.AddHours(2), capacity = 6 })).JsonAsync();
        var sessionId = session.GetProperty("id").GetGuid();

        Assert.True((await patron.Http.PostAsync($"/api/v1/sessions/{sessionId}/registrations", null)).IsSuccessStatusCode);
        Assert.Empty(await host.DeliverAllAsync());

        var mail = Assert.Single(host.Smtp.To(patron.Email));
        Assert.Equal("Inscripción confirmada: Soldadura básica", mail.Subject);
        Assert.Contains("Tiene plaza en Soldadura básica", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{MailSiteHost.PublicUrl}/sessions/{sessionId}", mail.TextBody, StringComparison.Ordinal);
        var calendar = Calendar.Load(Ics(mail)!)!;
        Assert.Equal("REQUEST", calendar.Method);
        var e = Assert.Single(calendar.Events);
        Assert.Equal($"session-{sessionId:N}-{patron.UserId:N}@makerspace", e.Uid);
        Assert.Equal(start.UtcDateTime, e.DtStart!.AsUtc);

        var page = await patron.Http.GetStringAsync("/reservations/mine");
        Assert.Contains("Mis sesiones", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/sessions/{sessionId}\"", page, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"es\">", page, StringComparison.Ordinal); // the saved preference reaches the pages too
    }

    [Fact]
    public async Task WaitlistedRegistration_GetsNoConfirmation()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var first = await host.SignInNewAsync();
        var second = await host.SignInNewAsync();
        var start = host.Clock.DaysAhead(Zone, 6, 15);
        var session = await (await staff.Http.ScheduleAsync(new { kind = "workshop", title = "One seat", roomId = room.Id, start, end = start.AddHours(1), capacity = 1 })).JsonAsync();
        var sessionId = session.GetProperty("id").GetGuid();
        await first.Http.PostAsync($"/api/v1/sessions/{sessionId}/registrations", null);
        await second.Http.PostAsync($"/api/v1/sessions/{sessionId}/registrations", null);
        Assert.Empty(await host.DeliverAllAsync());

        Assert.Single(host.Smtp.To(first.Email), m => m.Subject == "You are registered: One seat");
        Assert.Empty(host.Smtp.To(second.Email));
    }

    [Fact]
    public async Task RowQueuedBeforeFactsWereKept_IsStillDeliveredWithItsStoredWords()
    {
        var patron = await host.SignInNewAsync();
        await SaveLanguageAsync(patron.UserId, "es");
        var old = new Notification(patron.UserId, NotificationKinds.CertificationGranted, "You are certified: Old style", "You now hold Old style, valid with no expiry.", null, host.Clock.GetUtcNow().UtcDateTime);
        Assert.Null(old.Facts);
        await host.InScopeAsync(db =>
        {
            db.Notifications.Add(old);
            return db.SaveChangesAsync();
        });

        await host.DeliverAsync(old.Id);

        var mail = Assert.Single(host.Smtp.To(patron.Email));
        Assert.Equal("You are certified: Old style", mail.Subject);
        Assert.Contains("You now hold Old style, valid with no expiry.", mail.TextBody, StringComparison.Ordinal);
        Assert.NotNull(await host.InScopeAsync(db => db.Notifications.Where(n => n.Id == old.Id).Select(n => n.SentAtUtc).SingleAsync()));
    }

    [Fact]
    public async Task NewRows_KeepTheirFactsAndAnEnglishRecord()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var start = host.Clock.DaysAhead(Zone, 4, 11);
        var id = (await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
        await host.SweepAsync<ConfirmationSweep>();

        var row = await host.InScopeAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.ReservationId == id && n.Kind == NotificationKinds.ReservationConfirmed));
        var facts = Workflows.Notifications.NoticeFacts.FromJson(row.Facts);
        Assert.NotNull(facts);
        Assert.Equal(id, facts.ReservationId);
        Assert.Equal(Zone, facts.TimeZone);
        Assert.Equal(start.UtcDateTime, facts.Start);
        Assert.StartsWith("Booked:", row.Subject, StringComparison.Ordinal);
    }

    private Task SaveLanguageAsync(Guid userId, string language) =>
        host.InScopeAsync(db => db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredLanguage, language)));

    private static string? Ics(MimeMessage message)
    {
        var part = message.Attachments.OfType<MimePart>().SingleOrDefault(a => a.ContentType.MimeType == "text/calendar");
        if (part is null)
        {
            return null;
        }

        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
