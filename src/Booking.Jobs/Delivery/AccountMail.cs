using System.Diagnostics;
using System.Net;
using System.Text;
using Booking.Data.Identity;
using Booking.Jobs.Configuration;
using Booking.Jobs.Mail;
using Booking.Workflows.Telemetry;
using Hangfire;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Booking.Jobs.Delivery;

/// <summary>The e-mails about an account itself, as opposed to notifications about bookings.</summary>
public enum AccountMailKind
{
    /// <summary>A link to choose a new password.</summary>
    PasswordReset,

    /// <summary>A link that confirms the address of a new account.</summary>
    ConfirmAddress,

    /// <summary>Someone tried to register an address that already has an account: its owner is told.</summary>
    AlreadyRegistered,
}

/// <summary>
/// Queues account e-mails. The request only stores the kind and the address it was given, known or not, so a
/// known and an unknown address cost the same and answer alike; the worker decides whether anything is sent.
/// </summary>
public interface IAccountMailQueue
{
    void Enqueue(AccountMailKind kind, string email, string siteRoot);
}

/// <summary>The Hangfire queue, shared with notification delivery.</summary>
public sealed class HangfireAccountMailQueue(IBackgroundJobClient jobs) : IAccountMailQueue
{
    public void Enqueue(AccountMailKind kind, string email, string siteRoot) =>
        jobs.Enqueue<SendAccountMail>(job => job.RunAsync(kind, email, siteRoot, CancellationToken.None));
}

/// <summary>
/// The Hangfire job that writes one account e-mail. The link's token is made here, when the mail is written,
/// so no live credential is ever stored in the queue or the database; a retried attempt makes a fresh one.
/// </summary>
public sealed class SendAccountMail(UserManager<UserAccount> users, IMailSender sender, SmtpSettings settings, TimeProvider clock, MakerspaceMetrics metrics, ILogger<SendAccountMail> logger)
{
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [10, 30, 120, 600, 1800], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("Account e-mail: {0}")]
    public async Task RunAsync(AccountMailKind kind, string email, string siteRoot, CancellationToken ct)
    {
        // One activity per attempt with the mail's kind and outcome; never the address.
        using var activity = MakerspaceTelemetry.Source.StartActivity("send account mail", ActivityKind.Consumer);
        var kindTag = TagOf(kind);
        activity?.SetTag(MakerspaceTelemetry.MailKindTag, kindTag);
        try
        {
            activity?.SetTag(MakerspaceTelemetry.OutcomeTag, await SendAsync(kind, email, siteRoot, ct));
        }
        catch (Exception e)
        {
            metrics.MailFailed(kindTag);
            MakerspaceTelemetry.Failed(activity, e);
            throw;
        }
    }

    /// <summary>The kind as telemetry names it (no per-call string building).</summary>
    private static string TagOf(AccountMailKind kind) => kind switch
    {
        AccountMailKind.PasswordReset => "password-reset",
        AccountMailKind.ConfirmAddress => "confirm-address",
        AccountMailKind.AlreadyRegistered => "already-registered",
        _ => "unknown",
    };

    /// <summary>Writes and sends the mail if the address has an account and it still applies; returns the outcome.</summary>
    private async Task<string> SendAsync(AccountMailKind kind, string email, string siteRoot, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(email);
        if (user?.Email is null)
        {
            logger.LogInformation("No account for the address of a {Kind} e-mail; nothing sent", kind);
            return "no-account";
        }

        var text = kind switch
        {
            AccountMailKind.PasswordReset => await PasswordResetAsync(user, siteRoot),
            AccountMailKind.ConfirmAddress => await ConfirmAddressAsync(user, siteRoot),
            AccountMailKind.AlreadyRegistered => await AlreadyRegisteredAsync(user, siteRoot),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown account e-mail."),
        };
        if (text is null)
        {
            logger.LogInformation("A {Kind} e-mail no longer applies to user {UserId}; nothing sent", kind, user.Id);
            return "not-applicable";
        }

        await sender.SendAsync(Compose(user, text), ct);
        metrics.MailSent(TagOf(kind));
        logger.LogInformation("{Kind} e-mail sent to user {UserId}", kind, user.Id);
        return "sent";
    }

    private async Task<AccountMailText> PasswordResetAsync(UserAccount user, string siteRoot)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        return new AccountMailText(
            "Reset your makerspace password",
            "Someone (we hope you) asked to reset the password of your makerspace account. Open this link to choose a new one:",
            $"{siteRoot}/account/reset-password?email={Uri.EscapeDataString(user.Email!)}&code={code}",
            "Choose a new password",
            "If you did not ask, ignore this e-mail: your password stays as it is. The link works for one day, once.");
    }

    private async Task<AccountMailText?> ConfirmAddressAsync(UserAccount user, string siteRoot)
    {
        if (user.EmailConfirmed)
        {
            return null;
        }

        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        return new AccountMailText(
            "Confirm your makerspace account",
            "Welcome to the makerspace at your library. Open this link to confirm your e-mail address; then you can reserve equipment and rooms:",
            $"{siteRoot}/account/confirm-email?userId={user.Id}&code={code}",
            "Confirm my address",
            "If you did not create an account, ignore this e-mail: without the confirmation it cannot be used.");
    }

    private async Task<AccountMailText> AlreadyRegisteredAsync(UserAccount user, string siteRoot)
    {
        if (!user.EmailConfirmed)
        {
            // The owner never confirmed: a fresh confirmation link is what they need.
            return (await ConfirmAddressAsync(user, siteRoot))!;
        }

        return new AccountMailText(
            "Your makerspace account",
            "Someone (we hope you) tried to create a makerspace account with this e-mail address, which already has one. Sign in here; if you have forgotten your password, the sign-in page lets you choose a new one:",
            $"{siteRoot}/account/sign-in",
            "Sign in",
            "If it was not you, ignore this e-mail: nothing has changed in your account.");
    }

    private MimeMessage Compose(UserAccount user, AccountMailText text)
    {
        var message = new MimeMessage();
        message.From.Add(settings.From);
        message.To.Add(new MailboxAddress(user.DisplayName ?? user.Email, user.Email!));
        message.Subject = text.Subject;
        message.MessageId = $"{Guid.NewGuid():N}@makerspace";
        message.Date = clock.GetUtcNow();

        var greeting = string.IsNullOrWhiteSpace(user.DisplayName) ? "Hello," : $"Hello {user.DisplayName},";
        const string signature = "— The makerspace team at your library";
        message.Body = new BodyBuilder
        {
            TextBody = $"{greeting}\n\n{text.Why}\n\n{text.Link}\n\n{text.Footnote}\n\n{signature}\n",
            HtmlBody = $"<!DOCTYPE html><html><body><p>{WebUtility.HtmlEncode(greeting)}</p><p>{WebUtility.HtmlEncode(text.Why)}</p>"
                + $"<p><a href=\"{WebUtility.HtmlEncode(text.Link)}\">{WebUtility.HtmlEncode(text.LinkText)}</a></p>"
                + $"<p>{WebUtility.HtmlEncode(text.Footnote)}</p><p>{WebUtility.HtmlEncode(signature)}</p></body></html>",
        }.ToMessageBody();
        return message;
    }

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    private sealed record AccountMailText(string Subject, string Why, string Link, string LinkText, string Footnote);
}
