using Microsoft.Playwright;

namespace Booking.BrowserTests;

/// <summary>The admin pages as an admin uses them, by label and role.</summary>
public sealed class AdminPages(IPage page)
{
    public async Task OpenFromNavAsync()
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true }).ClickAsync();
        await page.ArriveAtAsync("/admin");
        await page.ShouldBeAccessibleAsync();
    }

    public async Task FollowAsync(string link)
    {
        var target = page.Locator("main").GetByRole(AriaRole.Link, new() { Name = link, Exact = true });
        var href = await target.GetAttributeAsync("href") ?? throw new InvalidOperationException($"The link {link} has no address.");
        await target.ClickAsync();
        await page.ArriveAtAsync(new Uri(new Uri(page.Url), href).AbsolutePath);
        await page.ShouldBeAccessibleAsync();
    }

    /// <summary>Fills the resource form (leaving every other policy field to the kind) and saves it.</summary>
    public async Task AddResourceAsync(string name, string kind, string branch, string description, int longestMinutes)
    {
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Kind", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = kind });
        await page.GetByLabel("Branch", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = branch });
        await page.GetByLabel("Description (optional)").FillAsync(description);
        await page.GetByLabel("Longest booking (minutes)", new() { Exact = true }).FillAsync(longestMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Add resource" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).WaitForAsync();
        await page.ShouldBeAccessibleAsync();
    }

    public ILocator Status => page.GetByRole(AriaRole.Status);
}

/// <summary>The public front page: what can be booked, by kind.</summary>
public sealed class HomePage(IPage page)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync("/");
        await page.ShouldBeAccessibleAsync();
    }

    public ILocator Resource(string name) => page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
}
