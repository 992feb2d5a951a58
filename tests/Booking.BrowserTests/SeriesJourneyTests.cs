using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.BrowserTests;

/// <summary>Staff book a weekly series at the desk with one date taken; the patron sees it as one group.</summary>
public sealed class SeriesJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Zone = "America/New_York";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Staff_BookASeriesWithOneDateTaken_TheRestBookedAndTheRefusalListed(bool javaScript)
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        var other = await host.SignInNewAsync();
        await (await other.Http.BookAsync(room.Id, Local(Zone, "2026-01-27T10:30"), Local(Zone, "2026-01-27T11:00"))).JsonAsync();
        var page = await host.NewPageAsync(javaScript);
        await new SignInPage(page).SignInAsync(staff.Email, MakerspaceHost.Password);

        await page.GotoAsync("/desk");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Staff desk" }).GetByRole(AriaRole.Link, new() { Name = "Book a series" }).ClickAsync();
        await page.ArriveAtAsync("/desk/series");
        await page.ShouldBeAccessibleAsync();
        await page.GetByLabel("Resource").SelectOptionAsync(room.Id.ToString());
        await page.GetByLabel("Patron's e-mail").FillAsync(patron.Email);
        await page.GetByLabel("First date").FillAsync("2026-01-13");
        await page.GetByLabel("Start time").FillAsync("10:00");
        await page.GetByLabel("End time").FillAsync("12:00");
        await page.GetByLabel("Repeats").SelectOptionAsync("weekly");
        await page.GetByLabel("How many times").FillAsync("4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book the series" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/reservations/series/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Booked 3 of 4 dates; 1 could not be booked");
        await Assertions.Expect(page.Locator("#summary")).ToContainTextAsync("every Tuesday, 10:00–12:00, 4 times: 3 booked, 1 refused");
        var refused = page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Tuesday, January 27, 2026" });
        await Assertions.Expect(refused).ToContainTextAsync("Refused");
        await Assertions.Expect(refused).ToContainTextAsync("(slot-taken)");
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync(javaScript ? "staff-series-booked" : "staff-series-booked-no-js");
        Assert.Equal(3, await host.InScopeAsync(db => db.Reservations.CountAsync(r => r.ResourceId == room.Id && r.PatronId == patron.UserId && r.SeriesId != null)));

        // Staff cancel the rest from the third date, with a reason the patron is told.
        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel this and the rest (from Tuesday, February 3)" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("From")).ToHaveValueAsync("2026-02-03");
        await page.GetByLabel("Reason").FillAsync("The class moves to the auditorium");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel these dates" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Cancelled 1 date of the series.");

        var patronPage = await host.NewPageAsync(javaScript);
        await new SignInPage(patronPage).SignInAsync(patron.Email, MakerspaceHost.Password);
        await patronPage.GotoAsync("/reservations/mine");
        var group = patronPage.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Part of a series" });
        await Assertions.Expect(group).ToHaveCountAsync(1);
        await Assertions.Expect(group).ToContainTextAsync("every Tuesday, 10:00–12:00, 4 times: 2 booked, 1 refused, 1 cancelled. The next of 2 upcoming dates.");
        await patronPage.ShouldBeAccessibleAsync();
        await patronPage.SaveScreenshotAsync(javaScript ? "patron-series-in-my-reservations" : "patron-series-in-my-reservations-no-js");
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    [Trait(Layout.Trait, Layout.Only)]
    public async Task SeriesPages_AtWidth_ReadableAndAccessible(int width)
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        var other = await host.SignInNewAsync();
        await (await other.Http.BookAsync(room.Id, Local(Zone, "2026-01-21T10:00"), Local(Zone, "2026-01-21T11:00"))).JsonAsync();
        var series = await (await staff.Http.PostAsJsonAsync("/api/v1/reservations/series", new
        {
            resourceId = room.Id,
            patronId = patron.UserId,
            firstDate = "2026-01-19",
            startTime = "10:00",
            endTime = "11:30",
            repeat = "weekdays",
            count = 5,
        })).JsonAsync();
        var page = await host.NewPageAsync();
        await page.SetViewportSizeAsync(width, 800);
        await new SignInPage(page).SignInAsync(staff.Email, MakerspaceHost.Password);

        await page.GotoAsync("/desk/series");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Upcoming series" })).ToBeVisibleAsync();
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync($"staff-series-desk-{width}px");
        await page.GotoAsync($"/reservations/series/{series.GetProperty("id").GetGuid()}");
        await Assertions.Expect(page.Locator("#summary")).ToContainTextAsync("every weekday, 10:00–11:30, 5 times: 4 booked, 1 refused");
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync($"staff-series-detail-{width}px");
    }
}
