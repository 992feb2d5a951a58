using System.Text.RegularExpressions;
using Booking.IntegrationTests.Infrastructure;
using Booking.Jobs.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Booking.BrowserTests;

/// <summary>The embedded default's mail: the queued message, written by the host's worker as an <c>.eml</c> in the pickup folder.</summary>
public static partial class PickupMail
{
    /// <summary>Waits (20 s at most) for the mail to <paramref name="email"/> with <paramref name="subject"/> and returns its link into the site.</summary>
    public static async Task<string> LinkAsync(BrowserHost host, string email, string subject)
    {
        var folder = host.Services.GetRequiredService<SmtpSettings>().PickupFolder;
        var mail = await Eventually.ValueAsync(
            () => Directory.Exists(folder)
                ? Directory.GetFiles(folder, "*.eml").Select(f => MimeMessage.Load(f))
                    .SingleOrDefault(m => m.Subject == subject && m.To.Mailboxes.Any(a => a.Address == email))
                : null,
            $"the mail '{subject}' to {email} in the pickup folder {folder}",
            TimeSpan.FromSeconds(20),
            TimeSpan.FromMilliseconds(100));
        var link = SiteLink().Match(mail.TextBody ?? "").Value;
        Assert.StartsWith(host.BaseUrl, link, StringComparison.Ordinal);
        return link;
    }

    [GeneratedRegex(@"https?://\S+/account/\S+")]
    private static partial Regex SiteLink();
}
