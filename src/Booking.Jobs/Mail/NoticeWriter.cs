using System.Globalization;
using System.Resources;
using Booking.Domain.Common;
using Booking.Domain.Notifications;
using Booking.Jobs.Configuration;
using Booking.Workflows.Notifications;
using Humanizer;

namespace Booking.Jobs.Mail;

/// <summary>A label and its value in a mail's summary table (what, when, where).</summary>
public sealed record MailLine(string Label, string Value);

/// <summary>A link the reader can follow; the primary one is drawn as a button.</summary>
public sealed record MailAction(string Label, string Url, bool Primary);

/// <summary>A notice written out in one language.</summary>
public sealed record WrittenNotice(string Subject, IReadOnlyList<string> Paragraphs, IReadOnlyList<MailLine> Details, IReadOnlyList<MailAction> Actions);

/// <summary>
/// Writes a notification from its kind and facts in the reader's language: the sentences come from
/// <c>NoticeTexts.resx</c> (and <c>NoticeTexts.{language}.resx</c>), keyed by kind; times are shown in the branch's zone
/// with a friendly zone name, in the reader's culture; durations and plurals come from Humanizer. Links are built
/// from <c>Site:PublicUrl</c>.
/// </summary>
public static class NoticeWriter
{
    private static readonly ResourceManager Texts = new("Booking.Jobs.Mail.NoticeTexts", typeof(NoticeWriter).Assembly);

    /// <summary>One sentence of the catalogue in <paramref name="culture"/> (English where a language lacks it).</summary>
    public static string Text(string key, CultureInfo culture) =>
        Texts.GetString(key, culture) ?? throw new InvalidOperationException($"NoticeTexts has no '{key}'.");

    /// <summary>Whether <paramref name="kind"/> has sentences in the catalogue (kinds added later fall back to the stored English).</summary>
    public static bool Knows(string kind) => Texts.GetString(kind + ".Subject", CultureInfo.InvariantCulture) is not null;

    public static WrittenNotice Write(string kind, NoticeFacts f, CultureInfo c, MailSite site, string fallbackZoneId)
    {
        var zone = f.TimeZone ?? fallbackZoneId;
        var values = new Dictionary<string, string?>
        {
            ["resource"] = f.Resource,
            ["reason"] = f.Reason,
            ["cert"] = f.Certification,
            ["session"] = f.Session,
            ["desk"] = f.Desk,
            ["kind"] = f.KindName,
            ["patron"] = f.Patron,
            ["contact"] = f.Contact,
            ["email"] = f.ContactEmail,
            ["link"] = f.ContactLink,
            ["partner"] = f.Partner,
            ["location"] = f.Location,
            ["strikes"] = f.Strikes?.ToString(c),
            ["days"] = f.WindowDays is { } w ? TimeSpan.FromDays(w).Humanize(culture: c, maxUnit: TimeUnit.Day) : null,
            ["lead"] = f.LeadMinutes is { } lead ? Duration(TimeSpan.FromMinutes(lead), c) : null,
            ["grace"] = f.GraceMinutes is { } grace ? Duration(TimeSpan.FromMinutes(grace), c) : null,
            ["start"] = f.Start is { } s ? $"{When(s, zone, c)} ({ZoneName(zone, c)})" : null,
            ["when"] = Slot(f.Resource ?? f.Session ?? "", f.Start, f.End, zone, c),
            ["held"] = f.HeldUntil is { } h ? $"{When(h, zone, c)} ({ZoneName(zone, c)})" : null,
            ["until"] = f.Until is { } u ? $"{When(u, zone, c)} ({ZoneName(zone, c)})" : null,
            ["date"] = f.Expires is { } e ? Day(e, zone, c) : null,
            ["validity"] = f.Expires is { } v ? Fill(Text("Validity.Until", c), ("date", Day(v, zone, c))) : Text("Validity.Forever", c),
            ["late"] = f.DaysOverdue is null or 0
                ? Text("Late.Now", c)
                : Fill(Text("Late.Days", c), ("days", TimeSpan.FromDays(f.DaysOverdue.Value).Humanize(culture: c, maxUnit: TimeUnit.Day))),
            ["list"] = f.Cancelled is not { Count: > 0 } cancelled
                ? Text("Revoked.None", c)
                : Fill(Text("Revoked.Some", c), ("items", string.Join("; ", cancelled.Select(x => Slot(x.Resource, x.Start, x.End, x.TimeZone, c))))),
        };

        var variant = f.Variant is null ? "" : "." + f.Variant;
        var subject = Fill(TextOr($"{kind}.Subject{variant}", $"{kind}.Subject", c), values);
        var body = Fill(TextOr($"{kind}.Body{variant}", $"{kind}.Body", c), values);
        return new WrittenNotice(subject, [body], Details(f, zone, c), Actions(kind, f, c, site));
    }

    /// <summary>A length of time in words ("24 hours", "30 minutes", "3 days"): days only beyond two days, as the reminders say it.</summary>
    public static string Duration(TimeSpan span, CultureInfo culture) => Durations.InWords(span, culture);

    /// <summary>An instant as the reader reads a date and time in the branch's zone ("Tue, Dec 1, 2026, 2:00 PM").</summary>
    public static string When(DateTime utc, string zoneId, CultureInfo c) =>
        Local(utc, zoneId).ToString(Text("Format.DateTime", c), c);

    /// <summary>A zone as a person names it: "New York time", "hora de New York"; never UTC or an offset.</summary>
    public static string ZoneName(string zoneId, CultureInfo c)
    {
        var city = zoneId.Contains('/', StringComparison.Ordinal) ? zoneId[(zoneId.LastIndexOf('/') + 1)..].Replace('_', ' ') : zoneId;
        return Fill(Text("Zone", c), ("city", city));
    }

    private static string Slot(string what, DateTime? start, DateTime? end, string zoneId, CultureInfo c)
    {
        if (start is not { } s)
        {
            return what;
        }

        var endText = end is { } e ? Local(e, zoneId).ToString(Text("Format.Time", c), c) : "";
        return Fill(Text("Slot", c), ("resource", what), ("start", When(s, zoneId, c)), ("end", endText), ("zone", ZoneName(zoneId, c)));
    }

    private static string Day(DateTime utc, string zoneId, CultureInfo c) => Local(utc, zoneId).ToString(Text("Format.Date", c), c);

    private static DateTime Local(DateTime utc, string zoneId) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZoneInfo.FindSystemTimeZoneById(zoneId));

    private static List<MailLine> Details(NoticeFacts f, string zone, CultureInfo c)
    {
        var lines = new List<MailLine>();
        if ((f.Resource ?? f.Session) is { } what)
        {
            lines.Add(new MailLine(Text("Label.What", c), what));
        }

        if (f.Start is { } start)
        {
            var end = f.End is { } e ? "–" + Local(e, zone).ToString(Text("Format.Time", c), c) : "";
            lines.Add(new MailLine(Text("Label.When", c), $"{When(start, zone, c)}{end} ({ZoneName(zone, c)})"));
        }

        if (f.Location is { } where && (f.Resource ?? f.Session) is not null)
        {
            lines.Add(new MailLine(Text("Label.Where", c), f.Address is { } address ? $"{where}, {address}" : where));
        }

        if (f.Desk is { } desk)
        {
            lines.Add(new MailLine(Text("Label.Desk", c), desk));
        }

        if (f.HeldUntil is { } held)
        {
            lines.Add(new MailLine(Text("Label.HeldUntil", c), $"{When(held, zone, c)} ({ZoneName(zone, c)})"));
        }

        return lines;
    }

    private static List<MailAction> Actions(string kind, NoticeFacts f, CultureInfo c, MailSite site)
    {
        MailAction Link(string key, string path, bool primary = false) => new(Text(key, c), site.Link(path), primary);
        var mine = "/reservations/mine";
        var id = f.ReservationId;
        return kind switch
        {
            NotificationKinds.ReservationConfirmed or NotificationKinds.ReservationApproved or NotificationKinds.Reminder when id is { } r =>
            [
                Link("Action.Mine", mine, primary: true),
                Link("Action.Calendar", $"/reservations/mine?handler=Calendar&id={r}"),
                Link("Action.Cancel", $"/reservations/{r}/cancel"),
            ],
            NotificationKinds.WaitlistOffer => [Link("Action.Accept", mine, primary: true), Link("Action.Mine", mine)],
            NotificationKinds.ReservationCancelled or NotificationKinds.ReservationRejected or NotificationKinds.NoShow =>
                [Link("Action.Book", "/", primary: true), Link("Action.Mine", mine)],
            NotificationKinds.Overdue or NotificationKinds.Suspended => [Link("Action.Mine", mine, primary: true)],
            NotificationKinds.OverdueForStaff => [Link("Action.Desk", "/desk", primary: true)],
            NotificationKinds.CertificationGranted => [Link("Action.Certifications", "/certifications/mine", primary: true)],
            NotificationKinds.CertificationRevoked or NotificationKinds.CertificationExpiring or NotificationKinds.CertificationExpired =>
                [Link("Action.Sessions", "/sessions", primary: true), Link("Action.Certifications", "/certifications/mine")],
            NotificationKinds.SessionRegistered or NotificationKinds.SessionPromoted or NotificationKinds.SessionCancelled when f.SessionId is { } s =>
                [Link("Action.Session", $"/sessions/{s}", primary: true), Link("Action.Mine", mine)],
            NotificationKinds.NetworkingConnected => [Link("Action.Networking", "/account/networking", primary: true)],
            NotificationKinds.PartnerClientRequest => [Link("Action.Partners", "/account/partners", primary: true)],
            _ => [Link("Action.Mine", mine, primary: true)],
        };
    }

    private static string TextOr(string key, string fallbackKey, CultureInfo c) =>
        Texts.GetString(key, c) ?? Text(fallbackKey, c);

    private static string Fill(string template, params (string Name, string? Value)[] values) =>
        Fill(template, values.ToDictionary(v => v.Name, v => v.Value));

    private static string Fill(string template, IReadOnlyDictionary<string, string?> values)
    {
        foreach (var (name, value) in values)
        {
            template = template.Replace("{" + name + "}", value ?? "", StringComparison.Ordinal);
        }

        return template;
    }
}
