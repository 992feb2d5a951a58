using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.IntegrationTests.Jobs;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Foundation;

/// <summary>
/// New accounts confirm their address by e-mail before they can sign in and book, and registration answers the
/// same for a taken address (whose owner is told by e-mail). Mail goes through the queue to a real Hangfire
/// worker and a real SMTP server.
/// </summary>
public sealed partial class RegistrationTests(HangfireHost host) : IClassFixture<HangfireHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Register_Api_ConfirmByMailedLink_ThenSignInAndBook_RefusedUntilThen()
    {
        var client = host.CreateClient();
        var email = $"new-{Guid.NewGuid():N}@example.test";
        var register = await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "Brand-new-pass-1", displayName = "Nova" });
        Assert.Equal(HttpStatusCode.OK, register.StatusCode);
        Assert.Contains("Check your e-mail", (await register.JsonAsync()).GetProperty("message").GetString());
        Assert.Equal([Roles.Patron], await RolesOfAsync(email));

        var unconfirmed = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Brand-new-pass-1" });
        await unconfirmed.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "email-unconfirmed");
        // Only the right password learns that the account waits: a wrong one reads like any failure.
        var wrong = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Not-the-pass-1" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        var mail = await WaitForMailAsync(email, "Confirm your makerspace account");
        var link = new Uri(Link().Match(mail.TextBody ?? "").Value);
        Assert.Equal("http://localhost/account/confirm-email", link.GetLeftPart(UriPartial.Path));
        Assert.Contains("Your e-mail address is confirmed", await new PageSession(host).GetAsync(link.PathAndQuery));

        var patron = await host.SignInAsync(email, "Brand-new-pass-1");
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var start = host.Clock.DaysAhead(Zone, 2, 10);
        Assert.Equal(HttpStatusCode.Created, (await patron.BookAsync(room.Id, start, start.AddHours(1))).StatusCode);
    }

    [Fact]
    public async Task Register_TakenAddress_SameAnswer_OwnerToldByMail_NothingChanged()
    {
        var owner = await host.SignInNewAsync();
        var fresh = $"fresh-{Guid.NewGuid():N}@example.test";
        var client = host.CreateClient();

        var taken = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = owner.Email, password = "Someone-else-1" });
        var free = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = fresh, password = "Someone-else-1" });

        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Equal(await free.Content.ReadAsStringAsync(), await taken.Content.ReadAsStringAsync());
        var told = await WaitForMailAsync(owner.Email, "Your makerspace account");
        Assert.Contains("already has one", told.TextBody);
        Assert.Equal(1, await host.InScopeAsync(db => db.Users.CountAsync(u => u.Email == owner.Email)));
        await host.SignInAsync(owner.Email, MakerspaceHost.Password); // the owner's password is untouched

        // The page answers alike too.
        var page = new PageSession(host);
        var (_, takenPage, _) = await page.SubmitAsync("/account/register", "/account/register",
            new Dictionary<string, string> { ["DisplayName"] = "Someone", ["Email"] = owner.Email, ["Password"] = "Someone-else-1" });
        Assert.Contains("Check your e-mail", takenPage);
        Assert.DoesNotContain("taken", takenPage, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ConfirmEmail_Api_BadCodeRefusedGoodCodeConfirms_ResendSameForAnyAddress()
    {
        var client = host.CreateClient();
        var email = $"api-{Guid.NewGuid():N}@example.test";
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "Brand-new-pass-1" })).StatusCode);
        var (userId, code) = await host.ConfirmationLinkAsync(email);

        var bad = await client.PostAsJsonAsync("/api/v1/auth/confirmEmail", new { userId, code = "bm90LWEtdG9rZW4" });
        await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        var stranger = await client.PostAsJsonAsync("/api/v1/auth/confirmEmail", new { userId = Guid.NewGuid(), code });
        await stranger.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Brand-new-pass-1" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "email-unconfirmed");

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/confirmEmail", new { userId, code })).StatusCode);
        await host.SignInAsync(email, "Brand-new-pass-1");

        var known = await client.PostAsJsonAsync("/api/v1/auth/resendConfirmationEmail", new { email });
        var unknown = await client.PostAsJsonAsync("/api/v1/auth/resendConfirmationEmail", new { email = $"nobody-{Guid.NewGuid():N}@example.test" });
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(await known.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Register_SameNewAddressInParallel_EveryAnswerAlike_OneAccount()
    {
        var email = $"race-{Guid.NewGuid():N}@example.test";
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            var response = await host.CreateClient().PostAsJsonAsync("/api/v1/auth/register", new { email, password = "Brand-new-pass-1" });
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Single(answers.Select(a => a.Body).Distinct());
        Assert.Equal(1, await host.InScopeAsync(db => db.Users.CountAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task Register_BadAddressOrWeakPassword_400_NothingCreated()
    {
        var client = host.CreateClient();
        var email = $"weak-{Guid.NewGuid():N}@example.test";
        var weak = await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "short" });
        var problem = await weak.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
        var notAnAddress = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = "not an address", password = "Brand-new-pass-1" });
        await notAnAddress.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");

        Assert.Equal(0, await host.InScopeAsync(db => db.Users.CountAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task ForgotPassword_Api_QueuedForAnyAddress_OnlyAnAccountGetsMail()
    {
        var patron = await host.SignInNewAsync();
        var nobody = $"nobody-{Guid.NewGuid():N}@example.test";
        var client = host.CreateClient();

        // A forged Host (one the app answers: loopback) does not reach the link, which comes from Site:PublicUrl.
        client.DefaultRequestHeaders.Host = "127.0.0.1";
        var known = await client.PostAsJsonAsync("/api/v1/auth/forgotPassword", new { email = patron.Email });
        var unknown = await client.PostAsJsonAsync("/api/v1/auth/forgotPassword", new { email = nobody });
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(await known.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());

        var mail = await WaitForMailAsync(patron.Email, "Reset your makerspace password");
        var link = new Uri(Link().Match(mail.TextBody ?? "").Value);
        Assert.Equal("http://localhost/account/reset-password", link.GetLeftPart(UriPartial.Path));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query);
        var reset = await client.PostAsJsonAsync("/api/v1/auth/resetPassword", new { email = patron.Email, resetCode = query["code"].ToString(), newPassword = "Reset-by-api-2" });
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        await host.SignInAsync(patron.Email, "Reset-by-api-2");
        Assert.Empty(host.Smtp.To(nobody));
    }

    private async Task<IList<string>> RolesOfAsync(string email)
    {
        using var scope = host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        return await users.GetRolesAsync((await users.FindByEmailAsync(email))!);
    }

    private async Task<MimeMessage> WaitForMailAsync(string email, string subject)
    {
        await Eventually.TrueAsync(() => host.Smtp.To(email).Any(m => m.Subject == subject), $"the mail '{subject}' to {email}");
        return Assert.Single(host.Smtp.To(email), m => m.Subject == subject);
    }

    [GeneratedRegex(@"https?://\S+/account/\S+")]
    private static partial Regex Link();
}
