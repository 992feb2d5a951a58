using Booking.Data.Identity;
using Booking.Domain.Audit;
using Booking.IntegrationTests.Infrastructure;
using Booking.IntegrationTests.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Booking.BrowserTests;

/// <summary>
/// Staff read the reports on a desktop and a phone, with and without JavaScript, and download a CSV; an admin reads
/// the audit log. The data is the hand-counted library of the integration tests (29 Dec 2025 to 11 Jan 2026).
/// </summary>
public sealed class ReportsJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string From = "2025-12-29";
    private const string To = "2026-01-11";

    [Fact]
    public async Task Staff_ReadsReportsOnADesktop_AndDownloadsACsv()
    {
        await SeedAsync();
        var page = await host.NewPageAsync();
        await new SignInPage(page).SignInAsync("desk@reports.test", MakerspaceHost.Password);
        var reports = new ReportsPage(page);
        await reports.OpenFromDeskAsync();
        await reports.ShowAsync("All branches", From, To);

        foreach (var chart in new[] { "chart-utilisation", "chart-attendance", "chart-busiest", "chart-certifications", "chart-sessions", "chart-demand", "chart-refusals" })
        {
            await Assertions.Expect(reports.Chart(chart)).ToBeVisibleAsync();
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Bookings by day and starting hour, 12/29/2025 to 1/11/2026, All branches" })).ToBeVisibleAsync();
        var busiest = page.GetByRole(AriaRole.Table, new() { Name = "Bookings by the hour they start (local time) and day of the week" });
        await Assertions.Expect(busiest.GetByRole(AriaRole.Row).Filter(new() { HasText = "10:00 AM" })).ToContainTextAsync("10:00 AM 2 1 1 0 1 0 0");
        await page.Locator("summary", new() { HasText = "Per resource" }).ClickAsync();
        await Assertions.Expect(reports.Chart("chart-utilisation-resources")).ToBeVisibleAsync();
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("reports-desktop");

        var (file, text) = await reports.DownloadAsync("Refused booking attempts by reason");
        Assert.Equal("makerspace-refusals-2025-12-29_2026-01-11.csv", file);
        Assert.Contains("3D printer,Certification needed,certification-required,5", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_DownloadsEachReportsCsv_ItMatchesTheTableOnThePage()
    {
        await SeedAsync();
        var page = await host.NewPageAsync();
        await new SignInPage(page).SignInAsync("desk@reports.test", MakerspaceHost.Password);
        await page.GotoAsync("/reports");
        await new ReportsPage(page).ShowAsync("All branches", From, To);
        await page.Locator("summary", new() { HasText = "Per resource" }).ClickAsync();

        var captions = await page.Locator(".grid-scroll[role=region]").EvaluateAllAsync<string[]>("regions => regions.map(r => r.getAttribute('aria-label'))");
        Assert.Equal(8, captions.Length); // every table of the five reports has rows in the fixture
        foreach (var caption in captions)
        {
            await CsvDownloads.ShouldMatchTheTableAsync(page, caption);
        }
    }

    [Fact]
    [Trait(Layout.Trait, Layout.Only)]
    public async Task EachReport_AtDesktopAndPhoneWidths_ScreenshotsAndNoSidewaysScroll()
    {
        await SeedAsync();
        var page = await host.NewPageAsync();
        await new SignInPage(page).SignInAsync("desk@reports.test", MakerspaceHost.Password);
        foreach (var width in new[] { 1280, 360 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.GotoAsync($"/reports?from={From}&to={To}");
            await page.Locator("summary", new() { HasText = "Per resource" }).ClickAsync();
            await page.ShouldBeAccessibleAsync();
            var scroll = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(scroll <= width, $"/reports is {scroll} px wide at {width} px");
            await ReportScreenshots.SaveEachSectionAsync(page, "report", width);
        }
    }

    [Fact]
    [Trait(Layout.Trait, Layout.Only)]
    public async Task AuditLog_At360PixelsWide_AccessibleAndNoSidewaysScroll()
    {
        // The reports at 360 px are checked by EachReport_AtDesktopAndPhoneWidths_ScreenshotsAndNoSidewaysScroll.
        await SeedAsync();
        var admin = await host.SignInNewAsync(Roles.Admin);
        var adminPage = await host.NewPageAsync();
        await new SignInPage(adminPage).SignInAsync(admin.Email, MakerspaceHost.Password);
        await adminPage.SetViewportSizeAsync(360, 740);
        await adminPage.GotoAsync("/admin/audit");
        await adminPage.ShouldBeAccessibleAsync();
        await ShouldFitAsync(adminPage);
        await adminPage.SaveScreenshotAsync("audit-log-360px");
    }

    [Fact]
    public async Task Staff_WithoutJavaScript_ChoosesABranchAndReadsTheCharts()
    {
        await SeedAsync();
        var page = await host.NewPageAsync(javaScript: false);
        await new SignInPage(page).SignInAsync("desk@reports.test", MakerspaceHost.Password);
        await page.GotoAsync("/reports");
        await new ReportsPage(page).ShowAsync("A Riverside", From, To);

        await Assertions.Expect(page.GetByText("Showing A Riverside, Monday, December 29, 2025 to Sunday, January 11, 2026.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Demand per kind, 12/29/2025 to 1/11/2026, A Riverside" })).ToBeVisibleAsync();
        var refusals = page.GetByRole(AriaRole.Table, new() { Name = "Refused booking attempts by reason" });
        await Assertions.Expect(refusals).ToContainTextAsync("certification-required 4"); // Berlin's refusal left out
        await page.SaveScreenshotAsync("reports-without-javascript");
    }

    [Fact]
    public async Task Admin_ReadsTheAuditLog_FilteredByPersonAndAction()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        await host.InScopeAsync(async db =>
        {
            db.AuditLog.Add(new AuditEntry(staff.UserId, "certification.revoke", $"patron:{admin.UserId}", "Revoked Laser cutter safety: unsafe use.", new DateTime(2026, 1, 9, 15, 0, 0, DateTimeKind.Utc)));
            db.AuditLog.Add(new AuditEntry(staff.UserId, "maintenance.block", "resource:1", "Blocked the laser cutter for a lens change.", new DateTime(2026, 1, 10, 15, 0, 0, DateTimeKind.Utc)));
            return await db.SaveChangesAsync();
        });
        var page = await host.NewPageAsync();
        await new SignInPage(page).SignInAsync(admin.Email, MakerspaceHost.Password);
        var audit = new AuditLogPage(page);
        await audit.OpenFromAdminAsync();
        await audit.FilterAsync(staff.Email, "Certification revoked");

        var table = page.GetByRole(AriaRole.Table, new() { Name = "Audit entries, newest first" });
        await Assertions.Expect(table).ToContainTextAsync("Revoked Laser cutter safety: unsafe use.");
        await Assertions.Expect(table).Not.ToContainTextAsync("lens change");
        await page.SaveScreenshotAsync("audit-log-desktop");

        // The CSV holds the filtered entries only, with a byte order mark and the action's stable code.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download these entries as CSV" }).ClickAsync());
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.True(bytes is [0xEF, 0xBB, 0xBF, ..]);
        using var csv = CsvHelper.CsvReader.Create(bytes[3..], null);
        Assert.Equal(["At", "Time zone", "Actor", "Actor id", "Action", "Subject", "About", "Details"], csv.Headers.ToArray());
        Assert.True(csv.Read());
        Assert.Equal(staff.Email, csv.GetString(2));
        Assert.Equal("certification.revoke", csv.GetString(4));
        Assert.Equal("Revoked Laser cutter safety: unsafe use.", csv.GetString(7));
        Assert.False(csv.Read());

        // Staff are told it is for admins.
        var staffPage = await host.NewPageAsync();
        await new SignInPage(staffPage).SignInAsync(staff.Email, MakerspaceHost.Password);
        await staffPage.GotoAsync("/admin/audit");
        await Assertions.Expect(staffPage.GetByRole(AriaRole.Heading, new() { Name = "For admins only" })).ToBeVisibleAsync();
        await staffPage.ShouldBeAccessibleAsync();
    }

    private async Task SeedAsync()
    {
        if (!await host.InScopeAsync(db => db.Locations.AnyAsync(l => l.Name == "A Riverside")))
        {
            await ReportLibrary.SeedAsync(host.Services);
        }
    }

    private static async Task ShouldFitAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        var wide = await page.EvaluateAsync<string[]>(
            "[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 360).slice(0, 5).map(e => e.tagName + '.' + e.className)");
        Assert.True(width <= 360, $"{page.Url} is {width} px wide at a 360 px screen; too wide: {string.Join(", ", wide)}");
    }
}
