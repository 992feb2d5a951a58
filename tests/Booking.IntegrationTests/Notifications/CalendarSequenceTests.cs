using System.Net;
using System.Net.Http.Json;
using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.Jobs.Sweeps;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Booking.IntegrationTests.Notifications;

/// <summary>
/// The single .ics download and the mails' attachments number one event by one rule: a patron who imports the download
/// and then the mails sees one event, whose SEQUENCE never falls, ending in the mails' (cancelled) state; the words of
/// the .ics follow the reader's language.
/// </summary>
public sealed class CalendarSequenceTests(MailSiteHost host) : IClassFixture<MailSiteHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task DownloadThenMails_OneEvent_SequenceNeverFalls_AndTheLaterStateWins()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        await host.InScopeAsync(db => db.Users.Where(u => u.Id == patron.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredLanguage, "es")));
        var start = host.Clock.DaysAhead(Zone, 3, 10);
        var id = (await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();

        // In the order a patron meets them: the download before any mail, the confirmation, the download again, the
        // reminder, the cancellation, and a last download.
        var files = new List<(string What, CalendarEvent Event)> { ("download", await DownloadAsync(patron, id)) };
        await host.SweepAsync<ConfirmationSweep>();
        Assert.Empty(await host.DeliverAllAsync());
        files.AddRange(NewMails(patron));
        files.Add(("download", await DownloadAsync(patron, id)));
        host.Clock.MoveTo(start.AddHours(-24).AddMinutes(1));
        await host.SweepAsync<ReminderSweep>();
        Assert.Empty(await host.DeliverAllAsync());
        files.AddRange(NewMails(patron));
        var staff = await host.SignInNewAsync(Roles.Staff);
        Assert.Equal(HttpStatusCode.OK, (await staff.Http.PostAsJsonAsync($"/api/v1/reservations/{id}/cancel", new { reason = "The room is needed for a class." })).StatusCode);
        Assert.Empty(await host.DeliverAllAsync());
        files.AddRange(NewMails(patron));
        patron = patron with { Http = await host.SignInAsync(patron.Email, MakerspaceHost.Password) }; // the old token ran out with the clock
        files.Add(("download", await DownloadAsync(patron, id)));

        Assert.Equal(["download", "mail", "download", "mail", "mail", "download"], files.Select(f => f.What));
        Assert.All(files, f => Assert.Equal($"{id}@makerspace", f.Event.Uid));
        var sequences = files.Select(f => f.Event.Sequence).ToList();
        Assert.Equal(sequences.Order(), sequences); // never lower for a later state
        for (var i = 1; i < files.Count; i++)
        {
            if (files[i].What == "mail")
            {
                Assert.True(sequences[i] > sequences[i - 1], $"The mail at {i} must supersede what came before it: {string.Join(", ", files.Select(f => $"{f.What} {f.Event.Sequence} {f.Event.Status} {f.Event.DtStamp}"))}.");
            }
        }

        // Imported in that order, as a calendar keeps the highest SEQUENCE (the later DTSTAMP on a tie): cancelled.
        var kept = files.Select(f => f.Event).Aggregate((held, next) =>
            next.Sequence > held.Sequence || (next.Sequence == held.Sequence && next.DtStamp!.AsUtc >= held.DtStamp!.AsUtc) ? next : held);
        Assert.Equal(EventStatus.Cancelled, kept.Status);
        Assert.All(files, f => Assert.StartsWith("Reserva de ", f.Event.Summary, StringComparison.Ordinal)); // the patron reads Spanish
    }

    [Fact]
    public async Task Download_SummaryFollowsTheRequestsLanguage()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var start = host.Clock.DaysAhead(Zone, 4, 10);
        var id = (await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();

        var english = await DownloadAsync(patron, id);
        patron.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        var spanish = await DownloadAsync(patron, id);

        Assert.Equal($"{room.Name} reservation", english.Summary);
        Assert.Equal($"Reserva de {room.Name}", spanish.Summary);
        Assert.Contains($"Su reserva de {room.Name} en {branch.Name}.", spanish.Description, StringComparison.Ordinal);
    }

    private static async Task<CalendarEvent> DownloadAsync(SignedInClient patron, Guid id)
    {
        var response = await patron.Http.GetAsync($"/reservations/mine?handler=Calendar&id={id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Assert.Single(Calendar.Load(await response.Content.ReadAsStringAsync())!.Events);
    }

    /// <summary>The calendar file of the one mail with an .ics that arrived since the last look.</summary>
    private IEnumerable<(string, CalendarEvent)> NewMails(SignedInClient patron)
    {
        var fresh = host.Smtp.To(patron.Email).Where(m => _read.Add(m.MessageId ?? "")).Select(Ics).OfType<string>().ToList();
        return [("mail", Assert.Single(Calendar.Load(Assert.Single(fresh))!.Events))];
    }

    private readonly HashSet<string> _read = [];

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
