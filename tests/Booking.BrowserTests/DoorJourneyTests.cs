using Booking.Data.Identity;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Booking.BrowserTests;

/// <summary>
/// The door display refreshing itself (in place with script, by a meta refresh without) and a patron checking in at
/// the desk kiosk and the kiosk forgetting them; accessible, at a door's 1920×1080, a desktop and a phone.
/// </summary>
public sealed class DoorJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    // UTC in January: the fake clock's hours are the branch's. Open all day, so moving the clock never closes it.
    private const string Zone = "Europe/London";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Visitor_DoorDisplay_ShowsTheDay_AndRefreshesItself(bool javaScript)
    {
        var branch = await host.BranchAsync(Zone, opens: 0, closes: 0);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var start = NextSlot(60);
        await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync();
        var page = await host.NewPageAsync(javaScript);
        var suffix = javaScript ? "" : "-no-js";
        if (javaScript)
        {
            await page.Clock.InstallAsync(); // the script's timer, not the server's clock
        }

        await page.GotoAsync($"/display/{branch.Id}");
        var board = page.Locator("#door-board");
        await Assertions.Expect(board).ToContainTextAsync($"Next: {start:HH:mm}–{start.AddHours(1):HH:mm}");
        await Assertions.Expect(board).Not.ToContainTextAsync(patron.Email);
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("door/display" + suffix);

        var later = start.AddHours(2);
        await (await patron.Http.BookAsync(printer.Id, later, later.AddHours(1))).JsonAsync();
        if (javaScript)
        {
            await page.EvaluateAsync("() => { window.__sameDocument = true; }");
            await page.Clock.RunForAsync(61_000);
            await Assertions.Expect(board).ToContainTextAsync($"Next: {later:HH:mm}–{later.AddHours(1):HH:mm}");
            Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "The board was replaced by a reload, not in place.");
        }
        else
        {
            await Assertions.Expect(page.Locator("meta[http-equiv=refresh]")).ToHaveAttributeAsync("content", $"60;url=/display/{branch.Id}");
            await page.ReloadAsync(); // what the meta refresh does after a minute
            await Assertions.Expect(page.Locator("#door-board")).ToContainTextAsync($"Next: {later:HH:mm}–{later.AddHours(1):HH:mm}");
        }

        await page.ShouldBeAccessibleAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Patron_AtTheKiosk_ChecksInByEmail_AndTheKioskForgetsThem(bool javaScript)
    {
        var branch = await host.BranchAsync(Zone, opens: 0, closes: 0);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var start = NextSlot(30);
        var reservation = await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync();
        host.Clock.SetUtcNow(start.AddMinutes(-5));
        var staff = await host.SignInNewAsync(Roles.Staff);
        var page = await host.NewPageAsync(javaScript);
        var suffix = javaScript ? "" : "-no-js";
        await new SignInPage(page).SignInAsync(staff.Email, MakerspaceHost.Password);
        if (javaScript)
        {
            await page.Clock.InstallAsync();
        }

        await page.GotoAsync($"/kiosk/{branch.Id}");
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("door/kiosk-empty" + suffix);
        await page.GetByLabel("Your e-mail address or library card number").FillAsync(patron.Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find my reservation" }).ClickAsync();

        var checkIn = page.GetByRole(AriaRole.Button, new() { Name = $"Check in: {room.Name}, {start.ToString("h:mm tt", System.Globalization.CultureInfo.GetCultureInfo("en-US"))}–{start.AddHours(1).ToString("h:mm tt", System.Globalization.CultureInfo.GetCultureInfo("en-US"))}" });
        await Assertions.Expect(checkIn).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync(patron.Email);
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("door/kiosk-found" + suffix);
        await checkIn.ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"You are checked in: {room.Name}");
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("door/kiosk-done" + suffix);
        var id = reservation.GetProperty("id").GetGuid();
        Assert.Equal(ReservationStatus.CheckedIn, await host.InScopeAsync(db => db.Reservations.AsNoTracking().Where(r => r.Id == id).Select(r => r.Status).FirstAsync()));

        if (javaScript)
        {
            await page.Clock.RunForAsync(11_000); // the kiosk goes back by itself
        }
        else
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Done" }).ClickAsync();
        }

        await page.ArriveAtAsync($"/kiosk/{branch.Id}");
        await Assertions.Expect(page.GetByLabel("Your e-mail address or library card number")).ToHaveValueAsync("");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync(room.Name);
    }

    [Fact]
    [Trait(Layout.Trait, Layout.Only)]
    public async Task DoorDisplayAndKiosk_FitADoorScreenAndAPhone()
    {
        var branch = await host.BranchAsync(Zone, opens: 0, closes: 0);
        var patron = await host.SignInNewAsync();
        for (var i = 0; i < 9; i++)
        {
            var resource = await host.ResourceAsync(branch.Id, i % 3 == 0 ? KnownKinds.CoworkingDesk : KnownKinds.Room);
            if (i % 2 == 0)
            {
                var start = NextSlot(30 + (i * 30));
                await (await patron.Http.BookAsync(resource.Id, start, start.AddHours(i % 3 == 0 ? 4 : 1))).JsonAsync();
            }
        }

        var page = await host.NewPageAsync();
        await page.SetViewportSizeAsync(1920, 1080);
        await page.GotoAsync($"/display/{branch.Id}");
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("door/display-1920x1080");
        await FitsAsync(page, 1280, "door/display-1280px");
        await FitsAsync(page, 360, "door/display-360px");

        var staff = await host.SignInNewAsync(Roles.Staff);
        await page.SetViewportSizeAsync(1280, 900);
        await new SignInPage(page).SignInAsync(staff.Email, MakerspaceHost.Password);
        await page.GotoAsync($"/kiosk/{branch.Id}");
        await FitsAsync(page, 1280, "door/kiosk-1280px");
        await FitsAsync(page, 360, "door/kiosk-360px");
        await page.GetByLabel("Your e-mail address or library card number").FillAsync("nobody@example.test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find my reservation" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("There is no reservation to check in to right now.");
        await FitsAsync(page, 360, "door/kiosk-nothing-360px");
    }

    private static async Task FitsAsync(IPage page, int width, string screenshot)
    {
        await page.SetViewportSizeAsync(width, width < 800 ? 740 : 900);
        await page.ShouldBeAccessibleAsync();
        var scroll = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scroll <= width, $"{page.Url} is {scroll} px wide at a {width} px screen");
        await page.SaveScreenshotAsync(screenshot);
    }

    /// <summary>A half-hour slot start at least <paramref name="minutesAhead"/> minutes from the fake clock's now.</summary>
    private DateTimeOffset NextSlot(int minutesAhead)
    {
        var at = host.Clock.GetUtcNow().AddMinutes(minutesAhead);
        return new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute >= 30 ? 30 : 0, 0, TimeSpan.Zero).AddMinutes(30);
    }
}
