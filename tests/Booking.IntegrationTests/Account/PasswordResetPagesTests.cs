using System.Net;
using System.Text.RegularExpressions;
using Booking.IntegrationTests.Infrastructure;
using Booking.IntegrationTests.Jobs;

namespace Booking.IntegrationTests.Account;

/// <summary>Forgotten password: a link by e-mail (queued, then sent by a real Hangfire worker to a real SMTP server), a new password that works and an old one that does not.</summary>
public sealed partial class PasswordResetPagesTests(HangfireHost host) : IClassFixture<HangfireHost>
{
    [Fact]
    public async Task Forgot_MailArrives_LinkSetsNewPassword_OldOneStopsWorking()
    {
        var patron = await host.SignInNewAsync();
        var browser = new PageSession(host);
        var signIn = await browser.GetAsync("/account/sign-in");
        Assert.Contains("href=\"/account/forgot-password\"", signIn);

        var (status, answer, _) = await browser.SubmitAsync("/account/forgot-password", "/account/forgot-password", new Dictionary<string, string> { ["Email"] = patron.Email });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("If an account exists for", answer);

        var mail = await WaitForMailAsync(patron.Email);
        Assert.Equal("Reset your makerspace password", mail.Subject);
        var link = new Uri(ResetLink().Match(mail.TextBody ?? "").Value);
        Assert.Equal("/account/reset-password", link.AbsolutePath);

        var form = await browser.GetAsync(link.PathAndQuery);
        Assert.Contains("Choose a new password", form);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query);
        var (_, landed, url) = await browser.SubmitAsync(link.PathAndQuery, "/account/reset-password", new Dictionary<string, string>
        {
            ["Email"] = query["email"].ToString(),
            ["Code"] = query["code"].ToString(),
            ["Password"] = "Brand-new-pass-2",
        });
        Assert.Equal("/account/sign-in", url?.AbsolutePath);
        Assert.Contains("Your password is changed", landed);

        await new PageSession(host).SignInAsync(patron.Email, "Brand-new-pass-2");
        var (_, refused, _) = await new PageSession(host).SubmitAsync("/account/sign-in", "/account/sign-in",
            new Dictionary<string, string> { ["Email"] = patron.Email, ["Password"] = MakerspaceHost.Password });
        Assert.Contains("do not match an account", refused);

        // The link works once: the same code again is refused in words.
        var (_, again, _) = await browser.SubmitAsync(link.PathAndQuery, "/account/reset-password", new Dictionary<string, string>
        {
            ["Email"] = query["email"].ToString(),
            ["Code"] = query["code"].ToString(),
            ["Password"] = "Another-pass-3",
        });
        Assert.Contains("This reset link is not valid any more", again);
        await new PageSession(host).SignInAsync(patron.Email, "Brand-new-pass-2");
    }

    [Fact]
    public async Task Forgot_UnknownAddress_SameAnswer_NoMail()
    {
        var email = $"nobody-{Guid.NewGuid():N}@example.test";
        var (status, answer, _) = await new PageSession(host).SubmitAsync("/account/forgot-password", "/account/forgot-password", new Dictionary<string, string> { ["Email"] = email });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("If an account exists for", answer);

        // A known address in the same breath: once its mail is in, the unknown one would have been too.
        var known = await host.SignInNewAsync();
        await new PageSession(host).SubmitAsync("/account/forgot-password", "/account/forgot-password", new Dictionary<string, string> { ["Email"] = known.Email });
        await WaitForMailAsync(known.Email);
        Assert.Empty(host.Smtp.To(email));
    }

    [Fact]
    public async Task Reset_TamperedOrMissingCode_ClearMessage_PasswordUnchanged()
    {
        var patron = await host.SignInNewAsync();
        var browser = new PageSession(host);
        Assert.Contains("needs the link from the reset e-mail", await browser.GetAsync("/account/reset-password"));

        var page = $"/account/reset-password?email={Uri.EscapeDataString(patron.Email)}&code=bm90LWEtdG9rZW4";
        var (status, html, _) = await browser.SubmitAsync(page, "/account/reset-password", new Dictionary<string, string>
        {
            ["Email"] = patron.Email,
            ["Code"] = "bm90LWEtdG9rZW4",
            ["Password"] = "Brand-new-pass-2",
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("This reset link is not valid any more", html);
        Assert.Contains("href=\"/account/forgot-password\"", html);
        var (_, garbled, _) = await browser.SubmitAsync(page, "/account/reset-password", new Dictionary<string, string>
        {
            ["Email"] = patron.Email,
            ["Code"] = "%%%not base64%%%",
            ["Password"] = "Brand-new-pass-2",
        });
        Assert.Contains("This reset link is not valid any more", garbled);
        await new PageSession(host).SignInAsync(patron.Email, MakerspaceHost.Password);
    }

    private async Task<MimeKit.MimeMessage> WaitForMailAsync(string email)
    {
        await Eventually.TrueAsync(() => host.Smtp.To(email).Count > 0, $"a mail to {email}");
        return Assert.Single(host.Smtp.To(email));
    }

    [GeneratedRegex(@"https?://\S+/account/reset-password\?\S+")]
    private static partial Regex ResetLink();
}
