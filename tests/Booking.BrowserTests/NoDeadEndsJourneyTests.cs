using System.Text.Json;
using Booking.Data.Identity;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.BrowserTests;

/// <summary>
/// Where the site used to end: a taken time (now the waiting list, from the refusal and from the grid), an unknown
/// address and a page for another role (now pages in the site's look, while the API keeps JSON), the browser's own
/// requests (a favicon and a manifest), and the printed QR sign (now without the menu and footer).
/// </summary>
public sealed class NoDeadEndsJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Zone = "America/New_York";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Patron_RefusedATakenTime_JoinsTheWaitingListFromTheRefusal(bool javaScript)
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var first = await host.SignInNewAsync();
        var start = Local(Zone, "2026-01-14T10:00");
        await (await first.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync();
        var patron = await host.SignInNewAsync();
        var page = await host.NewPageAsync(javaScript);
        await new SignInPage(page).SignInAsync(patron.Email, MakerspaceHost.Password);

        // The form is reached the way a patron would with a time in mind: from a free cell the day before, changed.
        await page.GotoAsync($"/reservations/new?resourceId={room.Id}&start=2026-01-14T10:00");
        await new ReservePage(page).ReserveUntilAsync("11:00");
        var refusal = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(refusal).ToContainTextAsync("You can join the waiting list for this time.");
        await page.ShouldBeAccessibleAsync();
        await refusal.GetByRole(AriaRole.Button, new() { Name = "Join the waiting list for this time" }).ClickAsync();

        await page.ArriveAtAsync("/reservations/mine");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"You are on the waiting list for {room.Name} on Wednesday, January 14, 10:00 AM–11:00 AM, number 1 in line.");
        var place = new MyReservationsPage(page).Item(room.Name);
        await Assertions.Expect(place).ToContainTextAsync("waiting, number 1");
        await page.ShouldBeAccessibleAsync();
        Assert.Equal(WaitlistStatus.Waiting, await host.InScopeAsync(db => db.WaitlistEntries.Where(w => w.PatronId == patron.UserId).Select(w => w.Status).SingleAsync()));
        await page.SaveScreenshotAsync(javaScript ? "patron-waiting-list-from-refusal" : "patron-waiting-list-from-refusal-no-js");
    }

    [Fact]
    public async Task Patron_BookedCellOfTheGrid_LeadsToTheWaitingList()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var first = await host.SignInNewAsync();
        var start = Local(Zone, "2026-01-15T14:00");
        await (await first.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync();
        var patron = await host.SignInNewAsync();
        var page = await host.NewPageAsync();
        await new SignInPage(page).SignInAsync(patron.Email, MakerspaceHost.Password);

        await new ResourcePage(page).OpenAsync(room.Id, "2026-01-12");
        await page.GetByRole(AriaRole.Link, new() { Name = "Booked: join the waiting list for Thursday, January 15, 2:00 PM", Exact = true }).ClickAsync();
        await page.ArriveAtAsync("/waitlist/new");
        await page.ShouldBeAccessibleAsync();
        await Assertions.Expect(page.GetByLabel("From")).ToHaveValueAsync("14:00");
        await Assertions.Expect(page.GetByLabel("Until")).ToHaveValueAsync("14:30"); // the room's shortest booking, to change
        await page.GetByLabel("Until").FillAsync("15:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Join the waiting list" }).ClickAsync();

        await page.ArriveAtAsync("/reservations/mine");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("number 1 in line");
        var entry = await host.InScopeAsync(db => db.WaitlistEntries.AsNoTracking().SingleAsync(w => w.PatronId == patron.UserId));
        Assert.Equal(start.UtcDateTime, entry.StartsAtUtc);
        await page.SaveScreenshotAsync("patron-waiting-list-from-grid");
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    [Trait(Layout.Trait, Layout.Only)]
    public async Task UnknownAddressAndAnotherRolesPage_PagesInTheSitesLook_TheApiStillAnswersJson(int width)
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var page = await host.NewPageAsync();
        await page.SetViewportSizeAsync(width, 800);

        var missing = await page.GotoAsync("/no-such-page");
        Assert.Equal(404, missing!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync($"error-404-{width}px");

        var api = await page.GotoAsync("/api/v1/no-such-thing");
        Assert.Equal(404, api!.Status);
        Assert.StartsWith("application/problem+json", api.Headers["content-type"], StringComparison.Ordinal);
        Assert.Equal("not-found", JsonDocument.Parse(await api.TextAsync()).RootElement.GetProperty("code").GetString());

        await new SignInPage(page).SignInAsync(staff.Email, MakerspaceHost.Password);
        var forbidden = await page.GotoAsync("/admin/users");
        Assert.Equal(403, forbidden!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("This page is for admins only.");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Staff desk" }).ClickAsync();
        await page.ArriveAtAsync("/desk");
        await page.GotoAsync("/admin/users");
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync($"error-403-staff-on-admin-{width}px");
    }

    [Fact]
    [Trait(Layout.Trait, Layout.Only)]
    public async Task AnyPage_FaviconAndManifestServed_NoFailedRequestsOrConsoleErrors()
    {
        var page = await host.NewPageAsync();
        var failed = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                failed.Add($"console: {message.Text}");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                failed.Add($"{response.Status} {response.Url}");
            }
        };

        await page.GotoAsync("/");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var icon = await page.APIRequest.GetAsync("/favicon.ico");
        Assert.Equal(200, icon.Status);
        Assert.Equal("image/x-icon", icon.Headers["content-type"]);
        var manifestHref = await page.Locator("link[rel=manifest]").GetAttributeAsync("href");
        var manifest = await page.APIRequest.GetAsync(manifestHref!);
        Assert.Equal(200, manifest.Status);
        Assert.StartsWith("application/manifest+json", manifest.Headers["content-type"], StringComparison.Ordinal);
        foreach (var svg in new[] { "/favicon.svg" })
        {
            Assert.Equal("image/svg+xml", (await page.APIRequest.GetAsync(svg)).Headers["content-type"]);
        }

        Assert.True(failed.Count == 0, string.Join("\n", failed));
        page.ShouldHaveNoPolicyViolations();
    }

    [Fact]
    [Trait(Layout.Trait, Layout.Only)]
    public async Task CheckInSign_Printed_OnlyTheSign_NoMenuNoFooter()
    {
        var branch = await host.BranchAsync(Zone);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var page = await host.NewPageAsync();
        await new SignInPage(page).SignInAsync(staff.Email, MakerspaceHost.Password);
        await page.GotoAsync($"/resources/{printer.Id}/sign");
        await Assertions.Expect(page.Locator("header.site-header")).ToBeVisibleAsync();

        await page.EmulateMediaAsync(new() { Media = Media.Print });

        await Assertions.Expect(page.Locator("header.site-header")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("footer.site-footer")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation)).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Print this page to put the sign")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = printer.Name, Level = 1 })).ToBeVisibleAsync();
        var qr = await page.Locator(".qr svg").BoundingBoxAsync();
        Assert.True(qr is { Width: > 200 }, $"The printed QR code is {qr?.Width} px wide");
        await page.SaveScreenshotAsync("sign-as-printed");
    }
}
