using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Booking.BrowserTests;

/// <summary>Journey 3: an admin adds a resource with a policy through the pages; patrons see it and the policy holds.</summary>
public sealed class AdminJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Admin_AddsRoomWithOneHourLimit_ItIsListedWithGrid_AndALongerBookingIsRefusedInWords()
    {
        var branch = await host.BranchAsync(Zone);
        var admin = await host.SignInNewAsync(Roles.Admin);
        var name = $"Study room {Guid.NewGuid():N}"[..19];
        var page = await host.NewPageAsync();

        await new SignInPage(page).SignInAsync(admin.Email, MakerspaceHost.Password);
        await page.ShouldBeAccessibleAsync();
        var pages = new AdminPages(page);
        await pages.OpenFromNavAsync();
        await pages.FollowAsync("Resources");
        await pages.FollowAsync("Add a resource");
        await pages.AddResourceAsync(name, "Room", branch.Name, "Quiet room with a whiteboard.", longestMinutes: 60);
        await Assertions.Expect(pages.Status).ToHaveTextAsync($"Added {name}.");
        var stored = await host.InScopeAsync(db => db.Resources.AsNoTracking().SingleAsync(r => r.Name == name));
        Assert.Equal(new PolicyOverride { MaxDurationMinutes = 60 }, stored.PolicyOverride);

        var patron = await host.SignInNewAsync();
        var patronPage = await host.NewPageAsync();
        await new SignInPage(patronPage).SignInAsync(patron.Email, MakerspaceHost.Password);
        var home = new HomePage(patronPage);
        await home.OpenAsync();
        await home.Resource(name).ClickAsync();
        await patronPage.ArriveAtAsync($"/resources/{stored.Id}");
        await patronPage.ShouldBeAccessibleAsync();
        await Assertions.Expect(patronPage.GetByText("Book it for 30 min to 1 hour at a time")).ToBeVisibleAsync();

        var grid = new ResourcePage(patronPage);
        await grid.OpenAsync(stored.Id, "2026-01-12");
        await Assertions.Expect(patronPage.GetByRole(AriaRole.Heading, new() { Name = "Week of Monday 12 January 2026" })).ToBeVisibleAsync();
        await grid.ChooseFreeAsync("Tuesday 13 January 10:00");
        await new ReservePage(patronPage).ReserveUntilAsync("12:00");

        await Assertions.Expect(patronPage.GetByRole(AriaRole.Alert)).ToContainTextAsync("This time cannot be reserved");
        await Assertions.Expect(patronPage.GetByRole(AriaRole.Alert)).ToContainTextAsync($"{name} can be booked for");
        await patronPage.ShouldBeAccessibleAsync();
        Assert.False(await host.InScopeAsync(db => db.Reservations.AnyAsync(r => r.ResourceId == stored.Id)));
        await patronPage.SaveScreenshotAsync("admin-adds-resource-with-policy");
    }

    [Fact]
    [Trait(Layout.Trait, Layout.Only)]
    public async Task AdminPages_EachOneAccessible_AndFitA360PixelScreen()
    {
        var branch = await host.BranchAsync(Zone, configure: l => l.AddClosure(new DateTime(2026, 2, 16), new DateTime(2026, 2, 17), "Presidents' Day"));
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var admin = await host.SignInNewAsync(Roles.Admin);
        var page = await host.NewPageAsync();
        await new SignInPage(page).SignInAsync(admin.Email, MakerspaceHost.Password);
        await page.SetViewportSizeAsync(360, 740);

        foreach (var url in new[]
        {
            "/admin", "/admin/locations", $"/admin/locations/{branch.Id}", $"/admin/resources?locationId={branch.Id}",
            "/admin/resources/new", $"/admin/resources/{room.Id}", "/admin/kinds", "/admin/kinds/room", "/admin/certifications",
            $"/admin/users?email={Uri.EscapeDataString(admin.Email)}",
        })
        {
            await page.GotoAsync(url);
            await page.ShouldBeAccessibleAsync();
            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            var wide = await page.EvaluateAsync<string[]>(
                "[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 360).slice(0, 5).map(e => e.tagName + '.' + e.className)");
            Assert.True(width <= 360, $"{url} is {width} px wide at a 360 px screen; too wide: {string.Join(", ", wide)}");
        }

        // A refused form: the messages beside the fields must pass axe too.
        await page.GotoAsync("/admin/locations");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add branch" }).ClickAsync(); // empty required fields: the browser stops it
        await page.EvaluateAsync("document.querySelectorAll('[required]').forEach(e => e.removeAttribute('required'))");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add branch" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing was saved");
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("admin-form-refused-360px");
    }
}
