using System.Globalization;
using Booking.Data;
using Microsoft.Extensions.Configuration;
using MimeKit;

namespace Booking.Jobs.Configuration;

/// <summary>
/// Where e-mail goes: an SMTP server (<c>Smtp:Host</c> and friends) or, with no host, <c>.eml</c> files in
/// a pickup folder. Checked at start-up; a bad value stops the app naming its key.
/// </summary>
public sealed record SmtpSettings(string? Host, int Port, bool UseTls, string? User, string? Password, MailboxAddress From, string PickupFolder)
{
    public bool UsesPickupFolder => string.IsNullOrWhiteSpace(Host);

    public static SmtpSettings Read(IConfiguration configuration, string dataFolder)
    {
        var host = configuration["Smtp:Host"];
        host = string.IsNullOrWhiteSpace(host) ? null : host.Trim();

        var portText = configuration["Smtp:Port"];
        var port = 25;
        if (!string.IsNullOrWhiteSpace(portText)
            && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            throw new ConfigurationProblem($"Smtp:Port is '{portText}'; give a port number from 1 to 65535 (587 for submission with STARTTLS, 465 for TLS).");
        }

        var tlsText = configuration["Smtp:UseTls"];
        var useTls = true;
        if (!string.IsNullOrWhiteSpace(tlsText) && !bool.TryParse(tlsText, out useTls))
        {
            throw new ConfigurationProblem($"Smtp:UseTls is '{tlsText}'; use true or false.");
        }

        var user = configuration["Smtp:User"];
        var password = configuration["Smtp:Password"];
        if (string.IsNullOrEmpty(user) != string.IsNullOrEmpty(password))
        {
            throw new ConfigurationProblem(string.IsNullOrEmpty(user)
                ? "Smtp:Password is set but Smtp:User is not; give both or neither."
                : "Smtp:User is set but Smtp:Password is not; give both or neither.");
        }

        var fromText = configuration["Smtp:From"];
        MailboxAddress? from;
        if (string.IsNullOrWhiteSpace(fromText))
        {
            if (host is not null)
            {
                throw new ConfigurationProblem("Smtp:From is required when Smtp:Host is set, e.g. \"Makerspace <makerspace@library.example>\".");
            }

            from = new MailboxAddress("Makerspace", "makerspace@localhost");
        }
        else if (!MailboxAddress.TryParse(fromText, out from) || !from.Address.Contains('@', StringComparison.Ordinal))
        {
            throw new ConfigurationProblem($"Smtp:From is '{fromText}'; give an address such as \"Makerspace <makerspace@library.example>\".");
        }

        var pickup = configuration["Smtp:PickupFolder"];
        pickup = string.IsNullOrWhiteSpace(pickup) ? Path.Combine(dataFolder, "mail-pickup") : Path.GetFullPath(pickup);
        return new SmtpSettings(host, port, useTls, string.IsNullOrEmpty(user) ? null : user, string.IsNullOrEmpty(password) ? null : password, from, pickup);
    }
}
