using Booking.IntegrationTests.Infrastructure;
using Booking.IntegrationTests.Networking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Booking.BrowserTests;

/// <summary>
/// Who is coming, by consent, in a real browser: an entrepreneur writes a networking profile, registers for a networking
/// session, shows her profile there and sees who else does; after the session (the fake clock moved) she asks one to
/// connect and he accepts on his networking page. axe-core on every page, screenshots at 1280 and 360 px.
/// </summary>
public sealed class NetworkingJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Fact]
    public async Task Entrepreneur_WritesAProfile_OptsIn_SeesWhoIsComing_ConnectsAfterTheSession()
    {
        var meetup = await host.MeetupAsync();
        var ben = await host.PersonAsync("Ben");
        await ben.RegisterAsync(meetup);
        await ben.OptInAsync(meetup);
        var ana = await host.SignInNewAsync();
        var anaName = $"Ana {Guid.NewGuid().ToString("N")[..6]}";

        var page = await host.NewPageAsync();
        await new SignInPage(page).SignInAsync(ana.Email, MakerspaceHost.Password);
        await page.GotoAsync("/account/networking");
        await page.ShouldBeAccessibleAsync();
        await page.GetByLabel("Link (optional)").FillAsync("not a link");
        await page.GetByLabel("Name shown to other attendees").FillAsync(anaName);
        await page.GetByLabel("What I do (optional)").FillAsync("I run a small bakery and want to sell online.");
        await page.GetByRole(AriaRole.Group, new() { Name = "Skills I am looking for" }).GetByLabel("Web design").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Skills I offer" }).GetByLabel("Bookkeeping").CheckAsync();
        // The browser would refuse a malformed url itself: submit past it, as a script-less or older browser would.
        await page.EvalOnSelectorAsync("#Link", "e => e.type = 'text'");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my profile" }).ClickAsync();
        await Assertions.Expect(page.GetByText("The link must be a full web address")).ToBeVisibleAsync();
        await page.ShouldBeAccessibleAsync();
        Assert.False(await host.InScopeAsync(db => db.NetworkingProfiles.AnyAsync(p => p.PatronId == ana.UserId)));
        await page.GetByLabel("Link (optional)").FillAsync("https://ana-bakes.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my profile" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your networking profile is saved.");
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("networking-profile-1280");

        await page.GotoAsync($"/sessions/{meetup.Id}");
        var who = page.GetByRole(AriaRole.Region, new() { Name = "Who is coming", Exact = true });
        await Assertions.Expect(who).ToContainTextAsync("Only attendees with a place see them.");
        await Assertions.Expect(who).Not.ToContainTextAsync(ben.Name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show my profile to attendees" }).ClickAsync();
        await Assertions.Expect(who).ToContainTextAsync("Your profile is shown to the other registered attendees of this session.");
        await Assertions.Expect(who.GetByRole(AriaRole.Heading, new() { Name = ben.Name })).ToBeVisibleAsync();
        await Assertions.Expect(who).ToContainTextAsync("Offers: Marketing");
        await Assertions.Expect(who).Not.ToContainTextAsync(ben.Email);
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("networking-who-is-coming-1280");
        await page.SetViewportSizeAsync(360, 740);
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("networking-who-is-coming-360");

        // After the session: ask to connect.
        host.Clock.MoveTo(meetup.End.AddHours(1));
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Ask {ben.Name} to connect" }).ClickAsync();
        await Assertions.Expect(who).ToContainTextAsync("Your request is sent.");
        await Assertions.Expect(who).ToContainTextAsync("You asked to connect; waiting for an answer.");
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("networking-asked-360");

        // Ben answers on his networking page.
        var his = await host.NewPageAsync();
        await new SignInPage(his).SignInAsync(ben.Email, MakerspaceHost.Password);
        await his.SetViewportSizeAsync(360, 740);
        await his.GotoAsync("/account/networking");
        var asked = his.GetByRole(AriaRole.Region, new() { Name = "Requests to connect", Exact = true });
        await Assertions.Expect(asked).ToContainTextAsync($"{anaName} would like to connect after Founders' breakfast.");
        await his.ShouldBeAccessibleAsync();
        await his.SaveScreenshotAsync("networking-requests-360");
        await asked.GetByRole(AriaRole.Button, new() { Name = "Accept and share contact details" }).ClickAsync();
        await Assertions.Expect(his.GetByRole(AriaRole.Status)).ToContainTextAsync("You accepted");
        await Assertions.Expect(his.GetByRole(AriaRole.Region, new() { Name = "Your requests to connect", Exact = true })).ToContainTextAsync($"you and {anaName} are connected");
        await his.ShouldBeAccessibleAsync();
        Assert.Equal(2, await host.InScopeAsync(db => db.Notifications.CountAsync(n => n.Kind == "networking-connected" && (n.RecipientId == ana.UserId || n.RecipientId == ben.Id))));
    }
}
