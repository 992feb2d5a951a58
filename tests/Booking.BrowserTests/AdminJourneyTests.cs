using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Booking.BrowserTests;

/// <summary>Journey 3: an admin adds a resource with a policy through the pages; patrons see it and the policy holds. Also the admin set-up pages: zone list, copied hours, certification edit, paged users.</summary>
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
        await Assertions.Expect(patronPage.GetByRole(AriaRole.Heading, new() { Name = "Week of Monday, January 12, 2026" })).ToBeVisibleAsync();
        await grid.ChooseFreeAsync("Tuesday, January 13, 10:00 AM");
        await new ReservePage(patronPage).ReserveUntilAsync("12:00");

        await Assertions.Expect(patronPage.GetByRole(AriaRole.Alert)).ToContainTextAsync("This time cannot be reserved");
        await Assertions.Expect(patronPage.GetByRole(AriaRole.Alert)).ToContainTextAsync($"{name} can be booked for");
        await patronPage.ShouldBeAccessibleAsync();
        Assert.False(await host.InScopeAsync(db => db.Reservations.AnyAsync(r => r.ResourceId == stored.Id)));
        await patronPage.SaveScreenshotAsync("admin-adds-resource-with-policy");
    }

    [Fact]
    public async Task Admin_AddsBranchFromTheZoneList_CopiesMondaysHours_EditsACertification_PagesTheUsers()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var name = $"Branch {Guid.NewGuid():N}"[..15];
        var certification = $"Lathe {Guid.NewGuid():N}"[..14];
        var definitionId = await host.InScopeAsync(async db =>
        {
            var d = new Booking.Domain.Certifications.CertificationDefinition(certification, null, 12, [], host.Clock.GetUtcNow().UtcDateTime);
            db.Certifications.Add(d);
            await db.SaveChangesAsync();
            return d.Id;
        });
        var page = await host.NewPageAsync();
        await new SignInPage(page).SignInAsync(admin.Email, MakerspaceHost.Password);

        await page.GotoAsync("/admin/locations");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Time zone").SelectOptionAsync(new SelectOptionValue { Label = "New York (America/New_York)" });
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("admin-branch-zone-list-1280px");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add branch" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync($"Added {name}");
        var branch = await host.InScopeAsync(db => db.Locations.AsNoTracking().SingleAsync(l => l.Name == name));
        Assert.Equal(Zone, branch.TimeZoneId);

        await page.GetByLabel("Period 1 opens").First.FillAsync("09:00");
        await page.GetByLabel("closes").First.FillAsync("17:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy Monday's hours to Tuesday–Friday" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Nothing is saved yet");
        await page.ShouldBeAccessibleAsync();
        await page.SetViewportSizeAsync(360, 740);
        await page.SaveScreenshotAsync("admin-hours-copied-360px");
        await page.SetViewportSizeAsync(1280, 900);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save opening hours" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Saved the opening hours");
        var hours = await host.InScopeAsync(async db => (await db.Locations.AsNoTracking().SingleAsync(l => l.Id == branch.Id)).OpeningHours);
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], hours.Select(h => h.Day).Order());

        await page.GotoAsync("/admin/certifications");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Edit {certification}" }).ClickAsync();
        await page.ArriveAtAsync($"/admin/certifications/{definitionId}");
        await page.GetByLabel("Valid for").FillAsync("24");
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("admin-certification-edit-1280px");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save certification" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync($"Saved {certification}");
        await page.ShouldBeAccessibleAsync();
        Assert.Equal(24, await host.InScopeAsync(db => db.Certifications.Where(c => c.Id == definitionId).Select(c => c.ValidityMonths).SingleAsync()));

        var tag = Guid.NewGuid().ToString("N")[..8];
        await host.InScopeAsync(async db =>
        {
            for (var i = 0; i < 52; i++)
            {
                var email = $"{i:D2}.{tag}@page.test";
                db.Users.Add(new UserAccount { Id = Guid.NewGuid(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = $"Reader {i}", CreatedAtUtc = host.Clock.GetUtcNow().UtcDateTime });
            }

            return await db.SaveChangesAsync();
        });
        await page.GotoAsync("/admin/users");
        await page.GetByLabel("E-mail (or part of it)").FillAsync(tag);
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("Patron");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Page 1 of 2")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync($"51.{tag}@page.test");
        await Assertions.Expect(page.Locator("caption")).ToContainTextAsync("Accounts 51–52 of 52");
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("admin-users-page-2-1280px");
        await page.SetViewportSizeAsync(360, 740);
        await page.GetByRole(AriaRole.Link, new() { Name = "Previous page" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Page 1 of 2")).ToBeVisibleAsync();
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("admin-users-page-1-360px");
    }

    /// <summary>
    /// Every admin page's own state at a phone's width is in the site tour; here, a refused form: the messages beside
    /// the fields must pass axe and fit too.
    /// </summary>
    [Fact]
    [Trait(Layout.Trait, Layout.Only)]
    public async Task AdminForm_RefusedAt360Pixels_MessagesAccessible_AndFit()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var page = await host.NewPageAsync();
        await new SignInPage(page).SignInAsync(admin.Email, MakerspaceHost.Password);
        await page.SetViewportSizeAsync(360, 740);

        await page.GotoAsync("/admin/locations");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add branch" }).ClickAsync(); // empty required fields: the browser stops it
        await page.EvaluateAsync("document.querySelectorAll('[required]').forEach(e => e.removeAttribute('required'))");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add branch" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing was saved");
        await page.ShouldBeAccessibleAsync();
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        var wide = await page.EvaluateAsync<string[]>(
            "[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 360).slice(0, 5).map(e => e.tagName + '.' + e.className)");
        Assert.True(width <= 360, $"The refused branch form is {width} px wide at a 360 px screen; too wide: {string.Join(", ", wide)}");
        await page.SaveScreenshotAsync("admin-form-refused-360px");
    }
}
