using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.IntegrationTests.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.BrowserTests;

/// <summary>
/// A resource page worth reading: an admin uploads a photo with its alt text through the plain form, a patron sees
/// it in the search results, on the resource page and in the day view; in the day view a mouse drag across free
/// blocks opens the booking form for the whole range, and without JavaScript the blocks stay links.
/// </summary>
public sealed class PhotoJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    /// <summary>An image's natural width once it has finished loading (0 when it failed).</summary>
    private const string LoadedWidth = """
        img => img.complete ? img.naturalWidth : new Promise(done => {
            img.addEventListener('load', () => done(img.naturalWidth));
            img.addEventListener('error', () => done(0));
        })
        """;

    private const string Zone = "America/New_York";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Admin_UploadsAPhoto_PatronSeesItInSearchResultsAndOnTheResourcePage(bool javaScript)
    {
        var branch = await host.BranchAsync(Zone);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var admin = await host.SignInNewAsync(Roles.Admin);
        var page = await host.NewPageAsync(javaScript);
        await new SignInPage(page).SignInAsync(admin.Email, MakerspaceHost.Password);
        var suffix = javaScript ? "" : "-no-js";
        const string alt = "A 3D printer with a green spool on a wooden bench";

        await page.GotoAsync($"/admin/resources/{printer.Id}");
        await page.GetByLabel("Photo file").SetInputFilesAsync(new FilePayload
        {
            Name = "printer.jpg",
            MimeType = "image/jpeg",
            Buffer = PhotoImages.JpegWithExif(1600, 1200),
        });
        await page.GetByLabel("Alt text").FillAsync(alt);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload photo" }).ClickAsync();

        await page.ArriveAtAsync($"/admin/resources/{printer.Id}");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"Saved the photo of {printer.Name}");
        await Assertions.Expect(page.GetByAltText(alt)).ToBeVisibleAsync();
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("photos/admin-resource" + suffix);
        Assert.True(await host.InScopeAsync(db => db.ResourcePhotos.AnyAsync(p => p.ResourceId == printer.Id)));

        var patron = await host.SignInNewAsync();
        var reader = await host.NewPageAsync(javaScript);
        await new SignInPage(reader).SignInAsync(patron.Email, MakerspaceHost.Password);
        await reader.GotoAsync($"/?kind={KnownKinds.Printer3D}&where={branch.Id}&date=2026-01-20&time=10:00&duration=60#find-results");
        var thumbnail = reader.Locator("#find-results").GetByAltText(alt);
        await Assertions.Expect(thumbnail).ToBeVisibleAsync();
        // Visible is not loaded: wait for the image's own load (or error) before reading its size.
        Assert.True(await thumbnail.EvaluateAsync<int>(LoadedWidth) > 0, "The thumbnail did not load.");
        await reader.ShouldBeAccessibleAsync();
        await reader.SaveScreenshotAsync("photos/search-results" + suffix);

        await reader.Locator("#find-results").GetByRole(AriaRole.Link, new() { Name = printer.Name }).ClickAsync();
        await reader.ArriveAtAsync($"/resources/{printer.Id}");
        var photo = reader.GetByAltText(alt);
        await Assertions.Expect(photo).ToBeVisibleAsync();
        // 1600 × 1200 with EXIF orientation 6 stands upright as 1200 × 1600, shown at most 1200 px: 900 × 1200.
        Assert.Equal((900, 1200), (await photo.EvaluateAsync<int>(LoadedWidth), await photo.EvaluateAsync<int>("img => img.naturalHeight")));
        await Assertions.Expect(reader.Locator("main")).ToContainTextAsync("Booking rules");
        await reader.ShouldBeAccessibleAsync();
        await reader.SaveScreenshotAsync("photos/resource-page" + suffix);
    }

    [Fact]
    [Trait(Layout.Trait, Layout.Only)]
    public async Task ResourcePageWithPhoto_AtAPhonesWidth_FitsAndIsAccessible()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var admin = await host.SignInNewAsync(Roles.Admin);
        var page = await host.NewPageAsync();
        await new SignInPage(page).SignInAsync(admin.Email, MakerspaceHost.Password);
        await page.GotoAsync($"/admin/resources/{room.Id}/photo");
        await page.GetByLabel("Photo file").SetInputFilesAsync(new FilePayload { Name = "room.jpg", MimeType = "image/jpeg", Buffer = PhotoImages.Jpeg(1200, 800) });
        await page.GetByLabel("Alt text").FillAsync("A bright meeting room with a long table");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload photo" }).ClickAsync();
        await page.ArriveAtAsync($"/admin/resources/{room.Id}");

        foreach (var (path, name) in new[] { ($"/resources/{room.Id}", "resource-page"), ($"/admin/resources/{room.Id}/photo", "admin-photo"), ($"/kinds/room/day?date=2026-01-20&locationId={branch.Id}", "day-view") })
        {
            await page.SetViewportSizeAsync(1280, 900);
            await page.GotoAsync(path);
            await page.ShouldBeAccessibleAsync();
            await page.SaveScreenshotAsync($"photos/{name}-1280px");
            await page.SetViewportSizeAsync(360, 740);
            await page.ShouldBeAccessibleAsync();
            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(width <= 360, $"{path} is {width} px wide at a 360 px screen");
            await page.SaveScreenshotAsync($"photos/{name}-360px");
        }
    }

    [Fact]
    public async Task Patron_DragsAcrossFreeBlocksInTheDayView_FormOpensWithThatRange()
    {
        var branch = await host.BranchAsync(Zone, opens: 9, closes: 17);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var mine = (await (await patron.Http.BookAsync(room.Id, Local(Zone, "2026-01-22T15:00"), Local(Zone, "2026-01-22T16:00"))).JsonAsync()).GetProperty("id").GetGuid();
        var page = await host.NewPageAsync();
        await new SignInPage(page).SignInAsync(patron.Email, MakerspaceHost.Password);

        await page.GotoAsync($"/kinds/room/day?date=2026-01-22&locationId={branch.Id}");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = room.Name });
        await Assertions.Expect(row.GetByRole(AriaRole.Link, new() { Name = "15:00–16:00 Your booking" })).ToHaveAttributeAsync("href", $"/reservations/mine#reservation-{mine}");
        var from = row.Locator("td.free[data-start='2026-01-22T10:00']");
        var to = row.Locator("td.free[data-start='2026-01-22T12:00']");
        var a = await from.BoundingBoxAsync() ?? throw new InvalidOperationException("No 10:00 block.");
        var b = await to.BoundingBoxAsync() ?? throw new InvalidOperationException("No 12:00 block.");

        await page.Mouse.MoveAsync(a.X + (a.Width / 2), a.Y + (a.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(b.X + (b.Width / 2), b.Y + (b.Height / 2), new() { Steps = 8 });
        await Assertions.Expect(row.Locator("td.picked")).ToHaveCountAsync(3);
        await page.SaveScreenshotAsync("photos/day-view-dragging");
        await page.Mouse.UpAsync();

        await page.ArriveAtAsync("/reservations/new");
        Assert.Contains("start=2026-01-22T10%3A00", page.Url);
        Assert.Contains("end=2026-01-22T13%3A00", page.Url);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(room.Name);
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("photos/day-view-dragged-form");
    }

    [Fact]
    public async Task Patron_DayViewWithoutJavaScript_FreeBlockIsALinkToTheForm()
    {
        var branch = await host.BranchAsync(Zone, opens: 9, closes: 17);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var page = await host.NewPageAsync(javaScript: false);
        await new SignInPage(page).SignInAsync(patron.Email, MakerspaceHost.Password);

        await page.GotoAsync($"/kinds/room/day?date=2026-01-22&locationId={branch.Id}");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = room.Name });
        await row.GetByRole(AriaRole.Link, new() { Name = $"10:00–11:00 free, reserve {room.Name}" }).ClickAsync();

        await page.ArriveAtAsync("/reservations/new");
        Assert.Contains("start=2026-01-22T10:00", page.Url);
        Assert.DoesNotContain("end=", page.Url);
        await page.ShouldBeAccessibleAsync();
    }
}
