using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.BrowserTests;

/// <summary>
/// "Which room is free on Tuesday at 10:30?" asked on the home page, reserved with one button, and the day view of
/// a kind: with and without JavaScript, accessible and fitting a 360 px phone.
/// </summary>
public sealed class FindJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Zone = "America/New_York";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Patron_FindsAFreeRoom_ReservesIt_SeesItBooked(bool javaScript)
    {
        var branch = await host.BranchAsync(Zone);
        var taken = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var free = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var other = await host.SignInNewAsync();
        await (await other.Http.BookAsync(taken.Id, Local(Zone, "2026-01-20T10:00"), Local(Zone, "2026-01-20T11:00"))).JsonAsync();
        var patron = await host.SignInNewAsync();
        var page = await host.NewPageAsync(javaScript);
        await new SignInPage(page).SignInAsync(patron.Email, MakerspaceHost.Password);
        var suffix = javaScript ? "" : "-no-js";

        await page.GotoAsync("/");
        await page.GetByLabel("What").SelectOptionAsync("room");
        await page.GetByLabel("Where").SelectOptionAsync(branch.Id.ToString());
        await page.GetByLabel("Date").FillAsync("2026-01-20");
        await page.GetByLabel("Start time").FillAsync("10:30");
        await page.GetByLabel("For").SelectOptionAsync("60");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find free spaces" }).ClickAsync();

        var results = page.Locator("#find-results");
        await Assertions.Expect(results).ToContainTextAsync("1 free");
        await Assertions.Expect(results.Locator(".find-list")).ToContainTextAsync(free.Name);
        await Assertions.Expect(results.Locator(".find-list")).Not.ToContainTextAsync(taken.Name);
        await Assertions.Expect(results.Locator(".find-taken")).ToContainTextAsync($"{taken.Name} ({branch.Name}): {taken.Name} is already booked from 10:00 AM to 11:15 AM");
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("find/search-results" + suffix);
        await FitsAPhoneAsync(page, "find/search-results-360px" + suffix);

        await page.SetViewportSizeAsync(1280, 900);
        await results.GetByRole(AriaRole.Button, new() { Name = $"Reserve {free.Name}, Tue, Jan 20, 10:30 AM–11:30 AM" }).ClickAsync();

        await page.ArriveAtAsync("/reservations/mine");
        await Assertions.Expect(new MyReservationsPage(page).Item(free.Name)).ToBeVisibleAsync();
        var booked = await host.InScopeAsync(db => db.Reservations.AsNoTracking().SingleAsync(r => r.PatronId == patron.UserId));
        Assert.Equal(free.Id, booked.ResourceId);
        Assert.Equal(Local(Zone, "2026-01-20T10:30").UtcDateTime, booked.StartsAtUtc);
        Assert.Equal(Local(Zone, "2026-01-20T11:30").UtcDateTime, booked.EndsAtUtc);
        await page.ShouldBeAccessibleAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Visitor_DayView_ShowsBookedTimeCalmly_FreeTimeOpensTheForm(bool javaScript)
    {
        var branch = await host.BranchAsync(Zone, opens: 9, closes: 17);
        var desks = new List<Resource>();
        for (var i = 0; i < 3; i++)
        {
            desks.Add(await host.ResourceAsync(branch.Id, KnownKinds.CoworkingDesk));
        }

        var other = await host.SignInNewAsync();
        await (await other.Http.BookAsync(desks[0].Id, Local(Zone, "2026-01-21T09:00"), Local(Zone, "2026-01-21T13:00"))).JsonAsync();
        var page = await host.NewPageAsync(javaScript);
        var suffix = javaScript ? "" : "-no-js";

        await page.GotoAsync($"/kinds/coworking-desk/day?date=2026-01-20&locationId={branch.Id}");
        await page.Locator(".day-pager a", new() { HasText = "Next day" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Wednesday, January 21, 2026");
        var first = page.GetByRole(AriaRole.Row).Filter(new() { HasText = desks[0].Name });
        await Assertions.Expect(first).ToContainTextAsync("09:00–13:00 Booked");
        Assert.DoesNotContain(other.Email.Split('@')[0], await page.ContentAsync());
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("find/day-view" + suffix);
        await FitsAPhoneAsync(page, "find/day-view-360px" + suffix);

        await first.GetByRole(AriaRole.Link, new() { Name = $"13:00–14:00 free, reserve {desks[0].Name}" }).ClickAsync();
        await page.ArriveAtAsync("/account/sign-in"); // a visitor signs in first, then lands on the form
    }

    private static async Task FitsAPhoneAsync(IPage page, string screenshot)
    {
        await page.SetViewportSizeAsync(360, 740);
        await page.ShouldBeAccessibleAsync();
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        var wide = width <= 360 ? "" : await page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 360).slice(0, 5).map(e => e.tagName + '.' + e.className).join(', ')");
        Assert.True(width <= 360, $"{page.Url} is {width} px wide at a 360 px screen; too wide: {wide}");
        await page.SaveScreenshotAsync(screenshot);
    }
}
