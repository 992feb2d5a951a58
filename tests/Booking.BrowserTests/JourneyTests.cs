using Booking.Data.Identity;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.BrowserTests;

/// <summary>Whole journeys in Chromium, every visited page scanned by axe-core; the last page saved as a screenshot.</summary>
[Trait(Layout.Trait, BothDatabases.Value)]
public sealed class JourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Zone = "America/New_York";

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // the same journey with JavaScript off: every form must work without it
    public async Task Patron_ReservesFromGrid_SeesItInMyReservations_Cancels(bool javaScript)
    {
        var branch = await host.BranchAsync(Zone);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var patron = await host.SignInNewAsync();
        var page = await host.NewPageAsync(javaScript);

        await new SignInPage(page).SignInAsync(patron.Email, MakerspaceHost.Password);
        var grid = new ResourcePage(page);
        await grid.OpenAsync(printer.Id, "2026-01-12");
        await grid.ChooseFreeAsync("Tuesday, January 13, 10:00 AM");
        await new ReservePage(page).ReserveUntilAsync("11:30");

        await page.ArriveAtAsync("/reservations/mine");
        await page.ShouldBeAccessibleAsync();
        var mine = new MyReservationsPage(page);
        await Assertions.Expect(mine.Item(printer.Name)).ToContainTextAsync("10:00");
        await Assertions.Expect(mine.Item(printer.Name)).ToContainTextAsync("Status: confirmed");

        await mine.CancelAsync(printer.Name);
        await page.ShouldBeAccessibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Cancelled.");
        var stored = await host.InScopeAsync(db => db.Reservations.Where(r => r.ResourceId == printer.Id).Select(r => r.Status).SingleAsync());
        Assert.Equal(ReservationStatus.Cancelled, stored);
        await page.SaveScreenshotAsync(javaScript ? "patron-reserves-and-cancels" : "patron-reserves-and-cancels-no-js");
    }

    [Fact]
    public async Task Staff_HandsOverLaptop_AndTakesItBack()
    {
        var branch = await host.BranchAsync(Zone, opens: 6);
        var laptop = await host.ResourceAsync(branch.Id, KnownKinds.Laptop);
        var patron = await host.SignInNewAsync();
        var start = Local(Zone, "2026-01-12T07:00"); // the fake clock's now: hand-over is open
        await (await patron.Http.BookAsync(laptop.Id, start, start.AddHours(3))).JsonAsync();
        var staff = await host.SignInNewAsync(Roles.Staff);
        var page = await host.NewPageAsync();

        await new SignInPage(page).SignInAsync(staff.Email, MakerspaceHost.Password);
        var desk = new DeskPage(page);
        await desk.OpenAsync(branch.Id, "2026-01-12");
        var name = patron.Email.Split('@')[0];
        await Assertions.Expect(desk.Row(name)).ToContainTextAsync("due");

        await desk.PressAsync(name, "Hand over");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Handed over. Due back by Mon, Jan 12 at 10:00 AM.");
        await Assertions.Expect(desk.Row(name)).ToContainTextAsync("checked in");
        await desk.PressAsync(name, "Take back");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Returned. The laptop is back.");
        await Assertions.Expect(desk.Row(name)).ToContainTextAsync("completed");

        // The name links to the patron's page at the desk.
        await desk.Row(name).GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await page.ArriveAtAsync($"/desk/patrons/{patron.UserId}");
        await page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 }).WaitForAsync();
        await page.SaveScreenshotAsync("staff-laptop-hand-over-and-return");
    }
}
