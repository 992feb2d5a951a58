using Microsoft.Playwright;

namespace Booking.BrowserTests;

/// <summary>
/// The register page: a new patron creates an account, is told to check their e-mail, cannot sign in until
/// they open the mailed link, then signs in and lands on the home page.
/// </summary>
public sealed class RegisterAccountPage(IPage page, BrowserHost host)
{
    public async Task RegisterAsync(string name, string email, string password)
    {
        await page.GotoAsync("/account/register");
        await page.ShouldBeAccessibleAsync();
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Check your e-mail");
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("account-registered-check-your-email");

        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Confirm your e-mail address first");
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("account-sign-in-before-confirming");

        await page.GotoAsync(await PickupMail.LinkAsync(host, email, "Confirm your makerspace account"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your e-mail address is confirmed");
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("account-address-confirmed");
        await new SignInPage(page).SignInAsync(email, password);
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

    /// <summary>Books for the patron: a resource and local date and times ("2026-01-16", "13:00").</summary>
    public async Task BookAsync(string resourceName, string date, string start, string end)
    {
        await page.GetByLabel("Resource").SelectOptionAsync(new SelectOptionValue { Label = resourceName });
        await page.GetByLabel("Date", new() { Exact = true }).FillAsync(date);
        await page.GetByLabel("Start time").FillAsync(start);
        await page.GetByLabel("End time").FillAsync(end);
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Book for ") }).ClickAsync();
        await page.Locator("[role=status], [role=alert]").First.WaitForAsync();
        await page.ShouldBeAccessibleAsync();
    }
}

/// <summary>The desk's maintenance blocks at a branch.</summary>
public sealed class MaintenancePage(IPage page)
{
    public async Task OpenAsync(Guid locationId)
    {
        await page.GotoAsync($"/desk/maintenance?locationId={locationId}");
        await page.ShouldBeAccessibleAsync();
    }

    /// <summary>Blocks a resource between two local times written "2026-01-16T09:00"; the page answers with a status or a problem.</summary>
    public async Task BlockAsync(string resourceName, string start, string end, string reason)
    {
        await page.GetByLabel("Resource").SelectOptionAsync(new SelectOptionValue { Label = resourceName });
        await page.GetByLabel("Start").FillAsync(start);
        await page.GetByLabel("End").FillAsync(end);
        await page.GetByLabel("Reason").FillAsync(reason);
        await page.GetByRole(AriaRole.Button, new() { Name = "Block" }).ClickAsync();
        await page.Locator("[role=status], [role=alert]").First.WaitForAsync();
        await page.ShouldBeAccessibleAsync();
    }
}

/// <summary>The desk's sessions and a session's attendance list.</summary>
public sealed class DeskSessionsPage(IPage page)
{
    public async Task OpenAsync(Guid locationId)
    {
        await page.GotoAsync($"/desk/sessions?locationId={locationId}");
        await page.ShouldBeAccessibleAsync();
    }

    public async Task OpenSessionAsync(string title)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 }).WaitForAsync();
        await page.ShouldBeAccessibleAsync();
    }

    public ILocator Registration(string patronName) => page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = patronName });

    public async Task MarkAsync(string patronName, string button)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = $"{button}: {patronName}" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).WaitForAsync();
        await page.ShouldBeAccessibleAsync();
    }
}
