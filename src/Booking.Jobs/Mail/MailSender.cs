using Booking.Jobs.Configuration;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Booking.Jobs.Mail;

/// <summary>Hands a message to whatever carries it on; returns only once it was accepted, throws otherwise.</summary>
public interface IMailSender
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>Sends over SMTP with MailKit, one connection per message (mail volume is small).</summary>
public sealed class SmtpMailSender(SmtpSettings settings, ILogger<SmtpMailSender> logger) : IMailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        using var client = new SmtpClient { Timeout = 30_000 };
        var security = !settings.UseTls ? SecureSocketOptions.None
            : settings.Port == 465 ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.StartTls;
        await client.ConnectAsync(settings.Host ?? "localhost", settings.Port, security, ct);
        if (settings.User is not null)
        {
            await client.AuthenticateAsync(settings.User, settings.Password ?? "", ct);
        }

        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
        logger.LogInformation("Mail {MessageId} accepted by {Host}:{Port}", message.MessageId, settings.Host, settings.Port);
    }
}

/// <summary>With no SMTP server configured: writes each message as an <c>.eml</c> file a person or a mail server can pick up.</summary>
public sealed class PickupFolderMailSender(SmtpSettings settings, ILogger<PickupFolderMailSender> logger) : IMailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        Directory.CreateDirectory(settings.PickupFolder);
        var name = string.Concat((message.MessageId ?? Guid.NewGuid().ToString("N")).Split(Path.GetInvalidFileNameChars()));
        var path = Path.Combine(settings.PickupFolder, name + ".eml");
        var temporary = path + ".tmp";
        await message.WriteToAsync(temporary, ct);
        File.Move(temporary, path, overwrite: true); // same Message-Id, same file: a repeat overwrites instead of duplicating
        logger.LogInformation("Mail {MessageId} written to {Path}", message.MessageId, path);
    }
}
