using System.Net;
using Booking.Domain.Common;
using Booking.Domain.Notifications;
using Booking.Jobs.Calendar;
using Booking.Jobs.Configuration;
using Booking.Workflows.Notifications;
using MimeKit;

namespace Booking.Jobs.Mail;

/// <summary>Who a message goes to, and the language they chose (null: the default).</summary>
public sealed record Recipient(string Email, string? DisplayName, string? Language = null);

/// <summary>
/// Turns a queued notification into an e-mail. A row with facts is written now, in the recipient's language, through
/// the branded layout (an HTML and a plain-text part, with the links the reader needs); a row queued before facts were
/// kept is sent with its stored English words. Reservation and session news carry an .ics that adds, updates or
/// cancels the calendar entry. The Message-Id is the notification's, so a repeat delivery is recognisably the same message.
/// </summary>
public sealed class MailComposer(SmtpSettings settings, MailSite site)
{
    /// <param name="sequence">The calendar entry's SEQUENCE (see <see cref="CalendarFiles"/>).</param>
    /// <param name="fallbackZoneId">The zone for facts that name none (certification dates): the library's first branch.</param>
    public MimeMessage Compose(Notification notification, Recipient recipient, CalendarEntry? entry, DateTime nowUtc, int sequence = 0, string fallbackZoneId = "UTC")
    {
        var message = new MimeMessage();
        message.From.Add(settings.From);
        message.To.Add(new MailboxAddress(recipient.DisplayName ?? recipient.Email, recipient.Email));
        message.MessageId = MessageId(notification.Id);
        message.Date = new DateTimeOffset(DateTime.SpecifyKind(notification.CreatedAtUtc, DateTimeKind.Utc));

        var body = NoticeFacts.FromJson(notification.Facts) is { } facts && NoticeWriter.Knows(notification.Kind)
            ? Written(notification, facts, recipient, message, fallbackZoneId)
            : Stored(notification, recipient, message);

        if (entry is not null)
        {
            var cancel = NotificationKinds.CancelsCalendarEntry(notification.Kind);
            if (cancel || NotificationKinds.UpdatesCalendarEntry(notification.Kind))
            {
                var attendee = new MailboxAddress(recipient.DisplayName ?? recipient.Email, recipient.Email);
                var ics = CalendarFiles.ForMail(entry, cancel, nowUtc, sequence, settings.From, attendee);
                var attachment = body.Attachments.Add(cancel ? "cancel.ics" : "invite.ics", System.Text.Encoding.UTF8.GetBytes(ics), new ContentType("text", "calendar"));
                attachment.ContentType.Parameters.Add("method", cancel ? "CANCEL" : "REQUEST");
                attachment.ContentType.Charset = "utf-8";
            }
        }

        message.Body = body.ToMessageBody();
        return message;
    }

    public static string MessageId(Guid notificationId) => $"{notificationId:N}@makerspace";

    private BodyBuilder Written(Notification notification, NoticeFacts facts, Recipient recipient, MimeMessage message, string fallbackZoneId)
    {
        var culture = Languages.CultureFor(recipient.Language);
        var notice = NoticeWriter.Write(notification.Kind, facts, culture, site, fallbackZoneId);
        string Text(string key) => NoticeWriter.Text(key, culture).Replace("{site}", site.Name, StringComparison.Ordinal);
        var greeting = string.IsNullOrWhiteSpace(recipient.DisplayName)
            ? Text("GreetingNoName")
            : Text("Greeting").Replace("{name}", recipient.DisplayName, StringComparison.Ordinal);
        var (html, text) = MailTemplates.Render(notice, culture.TwoLetterISOLanguageName, greeting, Text("Signature"), Text("Footer"), Text("Manage"), site);
        message.Subject = notice.Subject;
        message.Headers.Add(HeaderId.ContentLanguage, culture.TwoLetterISOLanguageName);
        return new BodyBuilder { TextBody = text, HtmlBody = html };
    }

    /// <summary>A row queued before facts were kept: its stored English words, as they were always sent.</summary>
    private static BodyBuilder Stored(Notification notification, Recipient recipient, MimeMessage message)
    {
        message.Subject = notification.Subject;
        var greeting = string.IsNullOrWhiteSpace(recipient.DisplayName) ? "Hello," : $"Hello {recipient.DisplayName},";
        const string signature = "— The makerspace team at your library";
        return new BodyBuilder
        {
            TextBody = $"{greeting}\n\n{notification.Body}\n\n{signature}\n",
            HtmlBody = $"<!DOCTYPE html><html><body><p>{WebUtility.HtmlEncode(greeting)}</p><p>{WebUtility.HtmlEncode(notification.Body)}</p><p>{WebUtility.HtmlEncode(signature)}</p></body></html>",
        };
    }
}
