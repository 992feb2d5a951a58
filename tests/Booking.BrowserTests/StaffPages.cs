using Microsoft.Playwright;

namespace Booking.BrowserTests;

/// <summary>The register page: a new patron creates an account and lands on the home page, signed in.</summary>
public sealed class RegisterAccountPage(IPage page)
{
    public async Task RegisterAsync(string name, string email, string password)
    {
        await page.GotoAsync("/account/register");
        await page.ShouldBeAccessibleAsync();
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await page.ShouldBeAccessibleAsync();
    }
}

/// <summary>The desk's patron search.</summary>
public sealed class FindPatronPage(IPage page)
{
    public async Task FindAsync(string text)
    {
        await page.GotoAsync("/desk/patrons");
        await page.ShouldBeAccessibleAsync();
        await page.GetByLabel("E-mail or name").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = $"Results for “{text}”" }).WaitForAsync();
        await page.ShouldBeAccessibleAsync();
    }

    public async Task OpenAsync(string patronName)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = patronName, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = patronName, Level = 1 }).WaitForAsync();
        await page.ShouldBeAccessibleAsync();
    }
}

/// <summary>One patron at the desk: certifications, suspensions, reservations, booking on their behalf.</summary>
public sealed class DeskPatronPage(IPage page)
{
    public ILocator Certification(string name) =>
        page.GetByRole(AriaRole.Region, new() { Name = "Certifications" }).GetByRole(AriaRole.Listitem).Filter(new() { HasText = name });

    public async Task GrantAsync(string certification)
    {
        // Options read "Laser cutter safety (valid 12 months)": choose by the certification's name.
        var select = page.GetByLabel("Certification", new() { Exact = true });
        var value = await select.Locator("option", new() { HasText = certification }).GetAttributeAsync("value");
        await select.SelectOptionAsync(value!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Grant", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Status).WaitForAsync();
        await page.ShouldBeAccessibleAsync();
    }
}
