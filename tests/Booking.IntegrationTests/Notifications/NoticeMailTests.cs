using System.Text.RegularExpressions;
using Booking.Domain.Common;
using Booking.Domain.Locations;
using Booking.Domain.Notifications;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.Jobs.Calendar;
using Booking.Jobs.Mail;
using Booking.Workflows.Notifications;
using Booking.Workflows.Reservations;
using Ical.Net;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Booking.IntegrationTests.Notifications;

/// <summary>A host whose mails name a library of its own and link to an address that is not the test server's.</summary>
public sealed class MailSiteHost : JobsHost
{
    public const string PublicUrl = "http://makerspace.library.test";
    public const string SiteName = "Riverside Makerspace";
    public const string SiteAddress = "12 River Road, Springfield";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Site:PublicUrl"] = PublicUrl,
        ["Site:Name"] = SiteName,
        ["Site:Address"] = SiteAddress,
    };
}

/// <summary>
/// Every notification kind, written in English and in Spanish from its stored facts, sent through the real SMTP
/// server and read back: the subject and text in the reader's language, a plain-text and an HTML part, every link
/// under Site:PublicUrl, times in the branch's zone with a friendly name (never UTC), and the .ics where there is one.
/// </summary>
public sealed partial class NoticeMailTests(MailSiteHost host) : IClassFixture<MailSiteHost>
{
    private static readonly DateTime Now = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    // Tue 3 Mar 2026 14:00–15:00 in New York (EST, UTC-5).
    private static readonly UtcInterval Slot = new(new DateTime(2026, 3, 3, 19, 0, 0, DateTimeKind.Utc), new DateTime(2026, 3, 3, 20, 0, 0, DateTimeKind.Utc));
    private static readonly Location Branch = new("Central Library", "America/New_York", "1 Main Street");
    private static readonly BookingSubject Cutter = new(
        new Resource("Laser cutter", KnownKinds.LaserCutter, Branch.Id),
        new ResourceKind(KnownKinds.LaserCutter, "Laser cutters", BookingPolicy.DefaultFor(KnownKinds.LaserCutter)),
        Branch,
        BookingPolicy.DefaultFor(KnownKinds.LaserCutter) with { NoShowGraceMinutes = 25 });

    private static readonly Guid ReservationId = Guid.NewGuid();
    private static readonly Guid SessionId = Guid.NewGuid();
    private static readonly SessionPlace Place = new(SessionId, Slot.End, "Room A, Central Library", "1 Main Street");
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>Each case: the notice, a phrase only its English mail says, a phrase only its Spanish mail says, and a link it must carry.</summary>
    private static readonly Dictionary<string, (Func<Guid, Notification> Make, string English, string Spanish, string Link)> Cases = new()
    {
        ["cancelled-by-staff"] = (p => Notices.ReservationCancelledByStaff(p, ReservationId, Cutter, Slot, "Needed for a class.", Now),
            "Staff cancelled your reservation", "El personal canceló su reserva", "/"),
        ["cancelled-by-closure"] = (p => Notices.ReservationCancelledByClosureOrMaintenance(p, ReservationId, "Laser cutter", Slot.Start, Zone, "The branch is closed.", Now, Slot.End),
            "Please book another time", "Reserve otro horario", "/reservations/mine"),
        ["approved"] = (p => Notices.ReservationApproved(p, ReservationId, Cutter, Slot, Now),
            "Staff approved your reservation", "El personal aprobó su reserva", $"/reservations/{ReservationId}/cancel"),
        ["rejected"] = (p => Notices.ReservationRejected(p, ReservationId, Cutter, Slot, "Not for minors.", Now),
            "Staff did not approve your request", "El personal no aprobó su solicitud", "/reservations/mine"),
        ["confirmed"] = (p => Notices.ReservationConfirmed(p, ReservationId, Cutter, Slot, Now),
            "Your reservation is confirmed", "Su reserva está confirmada", $"/reservations/mine?handler=Calendar&id={ReservationId}"),
        ["reminder"] = (p => Notices.Reminder(p, ReservationId, Cutter, Slot, TimeSpan.FromHours(24), Now),
            "Reminder: Laser cutter in 24 hours", "Recordatorio: Laser cutter dentro de 24 horas", $"/reservations/{ReservationId}/cancel"),
        ["no-show"] = (p => Notices.NoShowReleased(p, ReservationId, Cutter, Slot, Now),
            "within 25 minutes of the start", "en los 25 minutos siguientes", "/"),
        ["suspended"] = (p => Notices.Suspended(p, "Laser cutters", 3, 60, new DateTime(2026, 3, 16, 14, 30, 0, DateTimeKind.Utc), Branch, Now),
            "You missed 3 reservations of Laser cutters in the last 60 days", "Faltó a 3 reservas de Laser cutters en los últimos 60 días", "/reservations/mine"),
        ["waitlist-offer"] = (p => Notices.WaitlistOffer(p, ReservationId, Cutter, Slot, Now.AddMinutes(30), Now),
            "Accept the offer", "Aceptar la oferta", "/reservations/mine"),
        ["overdue"] = (p => Notices.LaptopOverdue(p, ReservationId, Cutter, Slot, 2, Now),
            "is 2 days overdue", "lleva 2 días de retraso", "/reservations/mine"),
        ["overdue-staff"] = (p => Notices.LaptopOverdueForStaff(p, ReservationId, Cutter, Slot, "Ada Lovelace", 1, Now),
            "lent to Ada Lovelace", "prestado a Ada Lovelace", "/desk"),
        ["certification-granted"] = (p => Notices.CertificationGranted(p, "Laser safety", new DateTime(2027, 3, 2, 17, 0, 0, DateTimeKind.Utc), Now),
            "You now hold Laser safety, valid until March 2, 2027", "Ya tiene Laser safety, válida hasta el 2 de marzo de 2027", "/certifications/mine"),
        ["certification-renewed"] = (p => Notices.CertificationRenewed(p, "Laser safety", null, Now),
            "is now valid with no expiry", "es válida sin fecha de caducidad", "/certifications/mine"),
        ["certification-revoked"] = (p => Notices.CertificationRevoked(p, "Laser safety", "Unsafe use", [(Cutter, Slot)], Now),
            "These reservations needed it and are cancelled", "Estas reservas la necesitaban y se han cancelado", "/sessions"),
        ["certification-expiring"] = (p => Notices.CertificationExpiring(p, "Laser safety", new DateTime(2026, 3, 16, 17, 0, 0, DateTimeKind.Utc), Now),
            "expires on March 16, 2026", "caduca el 16 de marzo de 2026", "/sessions"),
        ["certification-expired"] = (p => Notices.CertificationExpired(p, "Laser safety", new DateTime(2026, 3, 16, 17, 0, 0, DateTimeKind.Utc), Now),
            "has expired", "ha caducado", "/certifications/mine"),
        ["session-promoted"] = (p => Notices.SessionPromoted(p, "Laser basics", Slot.Start, Zone, Now, Place),
            "A place freed up", "Se liberó una plaza", $"/sessions/{SessionId}"),
        ["session-cancelled"] = (p => Notices.SessionCancelled(p, "Laser basics", Slot.Start, Zone, "The trainer is ill.", Now, Place),
            "Laser basics is cancelled", "Laser basics se ha cancelado", $"/sessions/{SessionId}"),
        ["session-registered"] = (p => Notices.SessionRegistered(p, "Laser basics", Slot.Start, Zone, Now, Place),
            "You have a place at Laser basics", "Tiene plaza en Laser basics", $"/sessions/{SessionId}"),
        ["networking-connected"] = (p => Notices.NetworkingConnected(p, "Laser basics", Slot.Start, Zone, Place, "Ben Ortiz", "ben@example.test", null, Now),
            "You and Ben Ortiz met at Laser basics", "Usted y Ben Ortiz se conocieron en Laser basics", "/account/networking"),
        ["partner-client-request"] = (p => Notices.PartnerClientRequest(p, "Job Centre North", new DateTime(2026, 3, 16, 17, 0, 0, DateTimeKind.Utc), Now),
            "Job Centre North, a partner organisation of the library, asks you to become its client", "Job Centre North, una organización aliada de la biblioteca, le pide que sea su cliente", "/account/partners"),
    };

    public static TheoryData<string, string> KindsAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in Cases.Keys)
        {
            data.Add(name, "en");
            data.Add(name, "es");
        }

        return data;
    }

    [Fact]
    public void EveryKindIsCovered()
    {
        var kinds = typeof(NotificationKinds).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToHashSet();
        var covered = Cases.Values.Select(c => c.Make(Guid.NewGuid()).Kind).ToHashSet();
        Assert.Equal(kinds.Order(), covered.Order());
    }

    [Theory]
    [MemberData(nameof(KindsAndLanguages))]
    public async Task Notice_WrittenInTheReadersLanguage_WithTextPartLinksAndCalendar(string name, string language)
    {
        var (make, english, spanish, link) = Cases[name];
        var email = $"reader-{Guid.NewGuid():N}@library.test";
        var notification = make(Guid.NewGuid());
        var mail = await SendAsync(notification, new Recipient(email, "Ana", language));

        var text = mail.TextBody ?? "";
        var html = mail.HtmlBody ?? "";
        var said = (language == "en" ? english : spanish).Replace("&", "&amp;", StringComparison.Ordinal);
        var other = language == "en" ? spanish : english;
        Assert.Contains(language == "en" ? english : spanish, mail.Subject + "\n" + text, StringComparison.Ordinal);
        Assert.DoesNotContain(other, mail.Subject + "\n" + text, StringComparison.Ordinal);
        Assert.Contains(said, html, StringComparison.Ordinal);
        Assert.StartsWith(language == "en" ? "Hello Ana," : "Hola, Ana:", text, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{language}\">", html, StringComparison.Ordinal);
        Assert.Contains(MailSiteHost.SiteName, html, StringComparison.Ordinal);
        Assert.Contains(MailSiteHost.SiteAddress, text, StringComparison.Ordinal);
        Assert.Contains("prefers-color-scheme: dark", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal); // no external CSS

        // Every link, in both parts, is under the public address; the one this kind needs is there; and the account page.
        var links = Links().Matches(text + "\n" + html).Select(m => m.Value).Where(u => !u.StartsWith("http://www.w3.org", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, u => Assert.StartsWith(MailSiteHost.PublicUrl + "/", u, StringComparison.Ordinal));
        Assert.Contains(MailSiteHost.PublicUrl + link, text, StringComparison.Ordinal);
        Assert.Contains(MailSiteHost.PublicUrl + "/account/my-data", text, StringComparison.Ordinal);

        // Times are the branch's, named in words: never UTC, never the raw zone id.
        Assert.DoesNotContain("UTC", text, StringComparison.Ordinal);
        Assert.DoesNotContain("America/New_York", text, StringComparison.Ordinal);
        if (notification.Kind is not (NotificationKinds.CertificationGranted or NotificationKinds.CertificationExpiring or NotificationKinds.CertificationExpired or NotificationKinds.CertificationRevoked
            or NotificationKinds.PartnerClientRequest))
        {
            Assert.Contains(language == "en" ? "New York time" : "hora de New York", text, StringComparison.Ordinal);
        }

        var calendarKind = NotificationKinds.UpdatesCalendarEntry(notification.Kind) || NotificationKinds.CancelsCalendarEntry(notification.Kind);
        var attachment = mail.Attachments.OfType<MimePart>().SingleOrDefault(a => a.ContentType.MimeType == "text/calendar");
        Assert.Equal(calendarKind, attachment is not null);
        if (attachment is not null)
        {
            var calendar = Calendar.Load(Decode(attachment))!;
            var cancel = NotificationKinds.CancelsCalendarEntry(notification.Kind);
            Assert.Equal(cancel ? "CANCEL" : "REQUEST", calendar.Method);
            var e = Assert.Single(calendar.Events);
            Assert.Equal("mailto:makerspace@library.test", e.Organizer!.Value!.ToString());
            Assert.Equal($"mailto:{email}", Assert.Single(e.Attendees).Value!.ToString());
            Assert.Equal(Slot.Start, e.DtStart!.AsUtc);
        }
    }

    [Fact]
    public async Task Times_InTheReadersCulture_InTheBranchZone()
    {
        var en = await SendAsync(Notices.ReservationConfirmed(Guid.NewGuid(), ReservationId, Cutter, Slot, Now), new Recipient($"t-{Guid.NewGuid():N}@library.test", null, "en"));
        var es = await SendAsync(Notices.ReservationConfirmed(Guid.NewGuid(), ReservationId, Cutter, Slot, Now), new Recipient($"t-{Guid.NewGuid():N}@library.test", null, "es"));

        Assert.Contains("Laser cutter, Tue, Mar 3, 2026, 2:00 PM–3:00 PM (New York time)", en.TextBody, StringComparison.Ordinal);
        Assert.Contains("Laser cutter, martes 3 de marzo de 2026, 14:00–15:00 (hora de New York)", es.TextBody, StringComparison.Ordinal);
        Assert.StartsWith("Hello,", en.TextBody, StringComparison.Ordinal);
        Assert.StartsWith("Hola:", es.TextBody, StringComparison.Ordinal);
    }

    private async Task<MimeMessage> SendAsync(Notification notification, Recipient recipient)
    {
        var composer = host.Services.GetRequiredService<MailComposer>();
        var entry = notification.ReservationId is { } id
            ? new CalendarEntry(id, "Laser cutter", "Laser cutter, Central Library", Slot.Start, Slot.End, Domain.Reservations.ReservationStatus.Confirmed, null)
            : new CalendarEntry(SessionId, "Laser basics", "Room A", Slot.Start, Slot.End, Domain.Reservations.ReservationStatus.Confirmed, null, CalendarFiles.SessionUid(SessionId, notification.RecipientId));
        var message = composer.Compose(notification, recipient, entry, Now, 0, "America/New_York");
        await host.Services.GetRequiredService<IMailSender>().SendAsync(message, default);
        await Eventually.TrueAsync(() => Task.FromResult(host.Smtp.To(recipient.Email).Count == 1), "the SMTP server to receive the mail");
        return host.Smtp.To(recipient.Email).Single();
    }

    private static string Decode(MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    [GeneratedRegex("https?://[^\\s\"<>]+")]
    private static partial Regex Links();
}
