using System.Text.RegularExpressions;
using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Booking.BrowserTests;

/// <summary>
/// Staff create a patron who has no e-mail (a library card identifies them), book for them and print the confirmation
/// with its QR check-in code, without script (a locked-down desk computer); the confirmation at a phone's width too.
/// </summary>
public sealed class CardPatronJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Staff_CreateACardOnlyPatron_BookForThem_PrintTheConfirmation()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var card = "LC" + Random.Shared.Next(10_000_000, 99_999_999);
        var page = await host.NewPageAsync(javaScript: false);
        await new SignInPage(page).SignInAsync(staff.Email, MakerspaceHost.Password);

        await page.GotoAsync("/desk/patrons");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a patron without e-mail" }).ClickAsync();
        await page.ArriveAtAsync("/desk/patrons/new");
        await page.ShouldBeAccessibleAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Rosa Díaz");
        await page.GetByLabel("Library card number").FillAsync(card);
        await page.SaveScreenshotAsync("staff-new-card-patron");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the patron account" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/desk/patrons/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Created the account of Rosa Díaz.");
        await Assertions.Expect(page.Locator(".desk-contact")).ToContainTextAsync("No e-mail address: they get no mail.");
        await page.ShouldBeAccessibleAsync();
        await page.GetByLabel("Resource").SelectOptionAsync(room.Id.ToString());
        await page.GetByLabel("Date", new() { Exact = true }).FillAsync("2026-01-13");
        await page.GetByLabel("Start time").FillAsync("10:00");
        await page.GetByLabel("End time").FillAsync("11:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book for Rosa Díaz" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/desk/reservations/[0-9a-f-]{36}/confirmation$"));
        var slip = page.Locator("article.confirmation");
        await Assertions.Expect(slip.GetByRole(AriaRole.Heading, new() { Name = "Your reservation" })).ToBeVisibleAsync();
        await Assertions.Expect(slip).ToContainTextAsync("Rosa Díaz (library card •••• " + card[^4..] + ")");
        await Assertions.Expect(slip).ToContainTextAsync(room.Name);
        await Assertions.Expect(slip).ToContainTextAsync(branch.Name);
        await Assertions.Expect(slip).ToContainTextAsync("Tuesday, January 13, 2026");
        await Assertions.Expect(slip).ToContainTextAsync("(New York time)");
        await Assertions.Expect(slip.GetByRole(AriaRole.Img, new() { Name = "QR code for staff to check you in" })).ToBeVisibleAsync();
        Assert.DoesNotContain(card, await slip.InnerTextAsync());
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("staff-card-patron-confirmation-1280px");
        await page.SetViewportSizeAsync(360, 800);
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("staff-card-patron-confirmation-360px");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Check the patron in now" })).ToBeHiddenAsync();
        await page.SaveScreenshotAsync("staff-card-patron-confirmation-print");

        var patronId = await host.InScopeAsync(db => db.Users.Where(u => u.LibraryCardNumber == card).Select(u => u.Id).SingleAsync());
        Assert.Equal(1, await host.InScopeAsync(db => db.Reservations.CountAsync(r => r.PatronId == patronId && r.ResourceId == room.Id)));
    }
}
