using System.Globalization;
using System.Net;
using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Booking.BrowserTests;

/// <summary>Staff read the demand view and schedule the training it suggests, on a desktop and a phone.</summary>
public sealed class DemandJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Staff_SchedulesTheSuggestedTraining_FromTheDemandView()
    {
        var (staff, branch, room, certName) = await SeedAsync();
        var page = await host.NewPageAsync();
        await new SignInPage(page).SignInAsync(staff, MakerspaceHost.Password);
        await page.GotoAsync($"/desk/demand?locationId={branch}");
        await Assertions.Expect(page.GetByText("1 booking refused for want of this certification")).ToBeVisibleAsync();
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("demand-desktop");

        await page.GetByRole(AriaRole.Link, new() { Name = $"Schedule a training: {certName} training" }).ClickAsync();
        await page.ArriveAtAsync("/desk/sessions/new");
        await Assertions.Expect(page.GetByLabel("Title")).ToHaveValueAsync($"{certName} training");
        await page.GetByLabel("Room").SelectOptionAsync(new SelectOptionValue { Value = room.ToString() });
        var start = host.Clock.DaysAhead(Zone, 5, 10).DateTime;
        await page.GetByLabel("Start (local date and time)").FillAsync(start.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.GetByLabel("End (local date and time)").FillAsync(start.AddHours(2).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("new-session-desktop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule" }).ClickAsync();

        await Assertions.Expect(page.GetByText($"Scheduled {certName} training.")).ToBeVisibleAsync();
        Assert.True(await host.InScopeAsync(db => db.Sessions.AnyAsync(s => s.RoomId == room && s.Title == certName + " training")));
        await page.ShouldBeAccessibleAsync();
    }

    [Fact]
    [Trait(Layout.Trait, Layout.Only)]
    public async Task DemandAndNewSession_At360PixelsWide_AccessibleAndNoSidewaysScroll()
    {
        var (staff, branch, room, _) = await SeedAsync();
        var page = await host.NewPageAsync();
        await new SignInPage(page).SignInAsync(staff, MakerspaceHost.Password);
        await page.SetViewportSizeAsync(360, 740);
        await page.GotoAsync($"/desk/demand?locationId={branch}");
        await page.ShouldBeAccessibleAsync();
        await ShouldFitAsync(page);
        await page.SaveScreenshotAsync("demand-360px");

        await page.GotoAsync($"/desk/sessions/new?locationId={branch}");
        // The browser checks required fields; the server checks the rest and says so beside the field.
        await page.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Value = "workshop" });
        await page.GetByLabel("Title").FillAsync("Soldering again");
        await page.GetByLabel("Room").SelectOptionAsync(new SelectOptionValue { Value = room.ToString() });
        var start = host.Clock.DaysAhead(Zone, 6, 10).DateTime;
        await page.GetByLabel("Start (local date and time)").FillAsync(start.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.GetByLabel("End (local date and time)").FillAsync(start.AddHours(-1).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule" }).ClickAsync();
        await Assertions.Expect(page.GetByText("The end must be after the start.")).ToBeVisibleAsync();
        await page.ShouldBeAccessibleAsync();
        await ShouldFitAsync(page);
        await page.SaveScreenshotAsync("new-session-360px");
    }

    private async Task<(string Staff, Guid Branch, Guid Room, string CertName)> SeedAsync()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var branch = await host.BranchAsync(Zone);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var certName = "Resin printing " + Guid.NewGuid().ToString("N")[..6];
        var certification = await admin.Http.CertificationAsync(name: certName);
        await host.RequireAsync(printer.Id, certification);
        var patron = await host.SignInNewAsync();
        var start = host.Clock.DaysAhead(Zone, 2, 10);
        Assert.Equal(HttpStatusCode.Forbidden, (await patron.Http.BookAsync(printer.Id, start, start.AddHours(1))).StatusCode);
        // A workshop that filled up, with its long title, tests the layout too.
        var workshopStart = host.Clock.DaysAhead(Zone, 3, 14);
        var workshop = (await (await staff.Http.ScheduleAsync(new { kind = "workshop", title = "Soldering and simple circuits for absolute beginners", roomId = room.Id, start = workshopStart, end = workshopStart.AddHours(1), capacity = 1 })).JsonAsync())
            .GetProperty("id").GetGuid();
        await (await patron.Http.PostAsync($"/api/v1/sessions/{workshop}/registrations", null)).JsonAsync();
        return (staff.Email, branch.Id, room.Id, certName);
    }

    private static async Task ShouldFitAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 360, $"{page.Url} is {width} px wide at a 360 px screen");
    }
}
