using System.Net;
using Booking.Jobs.Configuration;
using Booking.Jobs.Mail;
using MimeKit;

namespace Booking.Web.Features.Account;

/// <summary>
/// Sends the "reset your password" e-mail straight through the app's mail sender (SMTP, or the pickup
/// folder on the embedded default). Not through the queued notifications that Hangfire delivers: those
/// rows keep their body in the database, and a reset link is a live credential that should not be
/// stored; the patron is also waiting for it now, and can simply ask again if it never arrives.
/// </summary>
public sealed class PasswordResetMail(IMailSender sender, SmtpSettings settings, TimeProvider clock)
{
    public async Task SendAsync(string email, string? displayName, string link, CancellationToken ct)
    {
        var message = new MimeMessage();
        message.From.Add(settings.From);
        message.To.Add(new MailboxAddress(displayName ?? email, email));
        message.Subject = "Reset your makerspace password";
        message.MessageId = $"{Guid.NewGuid():N}@makerspace";
        message.Date = clock.GetUtcNow();

        var greeting = string.IsNullOrWhiteSpace(displayName) ? "Hello," : $"Hello {displayName},";
        const string why = "Someone (we hope you) asked to reset the password of your makerspace account. Open this link to choose a new one:";
        const string ignore = "If you did not ask, ignore this e-mail: your password stays as it is. The link works for one day, once.";
        const string signature = "— The makerspace team at your library";
        message.Body = new BodyBuilder
        {
            TextBody = $"{greeting}\n\n{why}\n\n{link}\n\n{ignore}\n\n{signature}\n",
            HtmlBody = $"<!DOCTYPE html><html><body><p>{WebUtility.HtmlEncode(greeting)}</p><p>{WebUtility.HtmlEncode(why)}</p>"
                + $"<p><a href=\"{WebUtility.HtmlEncode(link)}\">Choose a new password</a></p><p>{WebUtility.HtmlEncode(ignore)}</p><p>{WebUtility.HtmlEncode(signature)}</p></body></html>",
        }.ToMessageBody();
        await sender.SendAsync(message, ct);
    }
}
