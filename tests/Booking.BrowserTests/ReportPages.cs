using Microsoft.Playwright;

namespace Booking.BrowserTests;

/// <summary>The reports page: a branch and a range chosen in its form, a chart and a table per report, CSV links.</summary>
public sealed class ReportsPage(IPage page)
{
    public ILocator Chart(string id) => page.Locator($"svg#{id}, svg[aria-labelledby^='{id}-title']");

    public async Task OpenFromDeskAsync()
    {
        await page.GotoAsync("/desk");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Staff desk" }).GetByRole(AriaRole.Link, new() { Name = "Reports" }).ClickAsync();
        await page.ArriveAtAsync("/reports");
        await page.ShouldBeAccessibleAsync();
    }

    /// <summary>Chooses a branch (or "All branches") and local dates written yyyy-MM-dd, and shows them.</summary>
    public async Task ShowAsync(string branch, string from, string to)
    {
        await page.GetByLabel("Branch", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = branch });
        await page.GetByLabel("From", new() { Exact = true }).FillAsync(from);
        await page.GetByLabel("To", new() { Exact = true }).FillAsync(to);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await page.ArriveAtAsync("/reports");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Utilisation", Level = 2 }).WaitForAsync();
        await page.ShouldBeAccessibleAsync();
    }

    /// <summary>Downloads a table's CSV by its link and returns its file name and text.</summary>
    public async Task<(string FileName, string Text)> DownloadAsync(string caption)
    {
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = $"Download “{caption}” as CSV" }).ClickAsync());
        var path = await download.PathAsync();
        return (download.SuggestedFilename, await File.ReadAllTextAsync(path));
    }
}

/// <summary>The admin's audit log.</summary>
public sealed class AuditLogPage(IPage page)
{
    public async Task OpenFromAdminAsync()
    {
        await page.GotoAsync("/admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await page.ArriveAtAsync("/admin/audit");
        await page.ShouldBeAccessibleAsync();
    }

    public async Task FilterAsync(string person, string action)
    {
        await page.GetByLabel("Person").FillAsync(person);
        await page.GetByLabel("Action").SelectOptionAsync(new SelectOptionValue { Label = action });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.ArriveAtAsync("/admin/audit");
        await page.GetByRole(AriaRole.Status).WaitForAsync();
        await page.ShouldBeAccessibleAsync();
    }
}
