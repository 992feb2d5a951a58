using System.Net;
using Booking.Domain.Notifications;
using Booking.Jobs.Calendar;
using Booking.Jobs.Configuration;
using MimeKit;

namespace Booking.Jobs.Mail;

/// <summary>Who a message goes to.</summary>
public sealed record Recipient(string Email, string? DisplayName);

/// <summary>
/// Turns a queued notification into an e-mail: the patron's words as plain text and as simple HTML, and
/// for reservation news an .ics that adds, updates or cancels the calendar entry. The Message-Id is the
/// notification's, so a repeat delivery is recognisably the same message.
/// </summary>
public sealed class MailComposer(SmtpSettings settings)
{
    public MimeMessage Compose(Notification notification, Recipient recipient, CalendarEntry? entry, DateTime nowUtc)
    {
        var message = new MimeMessage();
        message.From.Add(settings.From);
        message.To.Add(new MailboxAddress(recipient.DisplayName ?? recipient.Email, recipient.Email));
        message.Subject = notification.Subject;
        message.MessageId = MessageId(notification.Id);
        message.Date = new DateTimeOffset(DateTime.SpecifyKind(notification.CreatedAtUtc, DateTimeKind.Utc));

        var greeting = string.IsNullOrWhiteSpace(recipient.DisplayName) ? "Hello," : $"Hello {recipient.DisplayName},";
        const string signature = "— The makerspace team at your library";
        var body = new BodyBuilder
        {
            TextBody = $"{greeting}\n\n{notification.Body}\n\n{signature}\n",
            HtmlBody = $"<!DOCTYPE html><html><body><p>{WebUtility.HtmlEncode(greeting)}</p><p>{WebUtility.HtmlEncode(notification.Body)}</p><p>{WebUtility.HtmlEncode(signature)}</p></body></html>",
        };

        if (entry is not null)
        {
            var cancel = NotificationKinds.CancelsCalendarEntry(notification.Kind);
            if (cancel || NotificationKinds.UpdatesCalendarEntry(notification.Kind))
            {
                var ics = CalendarFiles.ForMail(entry, cancel, nowUtc);
                var attachment = body.Attachments.Add("reservation.ics", System.Text.Encoding.UTF8.GetBytes(ics), new ContentType("text", "calendar"));
                attachment.ContentType.Parameters.Add("method", cancel ? "CANCEL" : "REQUEST");
                attachment.ContentType.Charset = "utf-8";
            }
        }

        message.Body = body.ToMessageBody();
        return message;
    }

    public static string MessageId(Guid notificationId) => $"{notificationId:N}@makerspace";
}
