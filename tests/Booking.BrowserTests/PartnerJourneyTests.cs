using System.Text.RegularExpressions;
using Booking.Domain.Resources;
using Booking.Domain.Sessions;
using Booking.IntegrationTests.Infrastructure;
using Booking.IntegrationTests.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Booking.BrowserTests;

/// <summary>
/// A partner's staff member registers a client without e-mail (issue #20): signs in, opens the partner desk, creates the
/// client by name and library card, books for them, prints the confirmation and registers them for a session the
/// partner hosts; once with script (axe-core on each page, 1280 and 360 px screenshots) and once without.
/// </summary>
public sealed class PartnerJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Zone = "America/New_York";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PartnerStaff_CreateAClientWithoutEmail_BookForThem_PrintTheConfirmation_RegisterThemForAHostedSession(bool javaScript)
    {
        var (partnerId, staff) = await host.PartnerWithStaffAsync(["room"], 6);
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var title = $"Interview practice {(javaScript ? "A" : "B")}";
        var hosted = await host.SessionAsync((await host.ResourceAsync(branch.Id, KnownKinds.Room)).Id, host.Clock.DaysAhead(Zone, 3, 14), partnerId, title);
        var card = "PJ" + Random.Shared.Next(10_000_000, 99_999_999);
        var name = javaScript ? "Dana Ortiz" : "Eli Moreno";
        var shots = javaScript ? "partner" : "partner-noscript";
        var page = await host.NewPageAsync(javaScript);
        await new SignInPage(page).SignInAsync(staff.Email, MakerspaceHost.Password);

        await page.GetByRole(AriaRole.Link, new() { Name = "Partner desk" }).ClickAsync();
        await page.ArriveAtAsync("/partner");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Partner desk: Agency");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Each client may hold at most 6 hours a week");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(title);
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync($"{shots}-desk-1280px");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a client without e-mail" }).ClickAsync();

        await page.ArriveAtAsync("/partner/clients/new");
        await page.ShouldBeAccessibleAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Library card number").FillAsync(card);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the client" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/partner/clients/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Added {name} to your clients.");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"Library card •••• {card[^4..]}.");
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync($"{shots}-client-1280px");
        await page.GetByLabel("Resource").SelectOptionAsync(room.Id.ToString());
        await page.GetByLabel("Date", new() { Exact = true }).FillAsync(host.Clock.DaysAhead(Zone, 2, 10).ToString("yyyy-MM-dd"));
        await page.GetByLabel("Start time").FillAsync("10:00");
        await page.GetByLabel("End time").FillAsync("11:00");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Book for {name}" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/partner/reservations/[0-9a-f-]{36}/confirmation$"));
        var slip = page.Locator("article.confirmation");
        await Assertions.Expect(slip.GetByRole(AriaRole.Heading, new() { Name = "Your reservation" })).ToBeVisibleAsync();
        await Assertions.Expect(slip).ToContainTextAsync($"{name} (library card •••• {card[^4..]})");
        await Assertions.Expect(slip).ToContainTextAsync(room.Name);
        await Assertions.Expect(slip.GetByRole(AriaRole.Img, new() { Name = "QR code for staff to check you in" })).ToBeVisibleAsync();
        Assert.DoesNotContain(card, await page.Locator("body").InnerTextAsync());
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync($"{shots}-confirmation-1280px");
        await page.SetViewportSizeAsync(360, 800);
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync($"{shots}-confirmation-360px");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Back to {name}" })).ToBeHiddenAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await page.GetByRole(AriaRole.Link, new() { Name = $"Back to {name}" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/partner/clients/[0-9a-f-]{36}$"));
        await page.GetByLabel("Session", new() { Exact = true }).SelectOptionAsync(hosted.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = $"Register {name}" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Registered your client for the session");
        await Assertions.Expect(page.Locator("section[aria-labelledby=places-title]")).ToContainTextAsync(title);
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync($"{shots}-client-360px");
        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync("/partner");
        await page.ShouldBeAccessibleAsync();

        var clientId = await host.InScopeAsync(db => db.Users.Where(u => u.LibraryCardNumber == card).Select(u => u.Id).SingleAsync());
        Assert.Equal(1, await host.InScopeAsync(db => db.Reservations.CountAsync(r => r.PatronId == clientId && r.ResourceId == room.Id)));
        Assert.Equal(RegistrationStatus.Registered, await host.InScopeAsync(db => db.SessionRegistrations.Where(g => g.SessionId == hosted && g.PatronId == clientId).Select(g => g.Status).SingleAsync()));
    }
}
