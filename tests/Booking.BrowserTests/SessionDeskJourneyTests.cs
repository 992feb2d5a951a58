using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Booking.BrowserTests;

/// <summary>An entrepreneur registers for a networking session without script, picks a desk, and finds it in My reservations.</summary>
public sealed class SessionDeskJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Patron_RegistersAndPicksADesk_WithoutScript_SeesItInMyReservations()
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var desks = new List<Resource>();
        for (var i = 0; i < 3; i++)
        {
            desks.Add(await host.ResourceAsync(branch.Id, KnownKinds.CoworkingDesk));
        }

        var start = host.Clock.DaysAhead(Zone, 3, 12);
        var session = await (await staff.Http.ScheduleAsync(new
        {
            kind = "networking",
            title = "Founders' coffee",
            roomId = room.Id,
            start,
            end = start.AddHours(2),
            capacity = 8,
            holdDesks = 3,
        })).JsonAsync();
        var id = session.GetProperty("id").GetGuid();
        var chosen = desks.OrderBy(d => d.Name, StringComparer.Ordinal).Last();

        var page = await host.NewPageAsync(javaScript: false);
        await new SignInPage(page).SignInAsync(patron.Email, MakerspaceHost.Password);
        await page.GotoAsync($"/sessions/{id}");
        var choice = page.GetByRole(AriaRole.Group, new() { Name = "Choose your coworking desk" });
        await Assertions.Expect(choice).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Any free desk")).ToBeCheckedAsync();
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("patron-session-desk-choice-1280px");
        await page.SetViewportSizeAsync(360, 800);
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("patron-session-desk-choice-360px");
        await page.SetViewportSizeAsync(1280, 900);

        await page.GetByLabel(chosen.Name).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await page.ArriveAtAsync($"/sessions/{id}");
        await Assertions.Expect(page.GetByText($"Your desk: {chosen.Name}.")).ToBeVisibleAsync();
        await page.ShouldBeAccessibleAsync();
        Assert.True(await host.InScopeAsync(db => db.Reservations.AnyAsync(r => r.ResourceId == chosen.Id && r.PatronId == patron.UserId)));

        await page.GetByRole(AriaRole.Link, new() { Name = "My reservations" }).First.ClickAsync();
        await page.ArriveAtAsync("/reservations/mine");
        await Assertions.Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = chosen.Name }).First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText($"Desk: {chosen.Name}")).ToBeVisibleAsync();
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("patron-session-desk-mine-1280px");
        await page.SetViewportSizeAsync(360, 800);
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("patron-session-desk-mine-360px");
    }
}
