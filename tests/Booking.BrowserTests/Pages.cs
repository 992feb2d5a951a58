using Microsoft.Playwright;

namespace Booking.BrowserTests;

/// <summary>Page objects: what a person sees and does on each page, by label and role, not by CSS.</summary>
public sealed class SignInPage(IPage page)
{
    public async Task SignInAsync(string email, string password)
    {
        await page.GotoAsync("/account/sign-in");
        await page.ShouldBeAccessibleAsync();
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        try
        {
            await page.ArriveAtAsync("/");
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            Assert.Fail($"Sign-in did not reach the home page; at {page.Url}:\n{await page.Locator("main").InnerTextAsync()}");
        }
    }
}

public sealed class ResourcePage(IPage page)
{
    public async Task OpenAsync(Guid resourceId, string mondayOfWeek)
    {
        await page.GotoAsync($"/resources/{resourceId}?week={mondayOfWeek}");
        await page.ShouldBeAccessibleAsync();
    }

    /// <summary>Follows the grid's "Free" link for a local start such as "Tuesday, January 13, 10:00 AM".</summary>
    public Task ChooseFreeAsync(string localStart) =>
        page.GetByRole(AriaRole.Link, new() { Name = $"Free: reserve {localStart}", Exact = true }).ClickAsync();
}

public sealed class ReservePage(IPage page)
{
    public async Task ReserveUntilAsync(string endTime)
    {
        await page.ShouldBeAccessibleAsync();
        await page.GetByLabel("End time").FillAsync(endTime);
        await page.GetByRole(AriaRole.Button, new() { Name = "Reserve" }).ClickAsync();
    }
}

public sealed class MyReservationsPage(IPage page)
{
    public ILocator Item(string resourceName) => page.Locator(".reservation-list li", new() { HasText = resourceName });

    /// <summary>Follows the item's Cancel link to the confirmation page, checks it, and confirms.</summary>
    public async Task CancelAsync(string resourceName)
    {
        await Item(resourceName).GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Cancel ") }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Cancel this reservation?", Level = 1 }).WaitForAsync();
        await page.ShouldBeAccessibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(resourceName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel it" }).ClickAsync();
        await page.ArriveAtAsync("/reservations/mine");
        await page.GetByRole(AriaRole.Status).WaitForAsync();
    }
}

public sealed class DeskPage(IPage page)
{
    public async Task OpenAsync(Guid locationId, string date)
    {
        await page.GotoAsync($"/desk?locationId={locationId}&date={date}");
        await page.ShouldBeAccessibleAsync();
    }

    /// <summary>The board's row of a patron, by the name it shows.</summary>
    public ILocator Row(string patronName) => page.GetByRole(AriaRole.Row).Filter(new() { HasText = patronName });

    public async Task PressAsync(string patronName, string button)
    {
        await Row(patronName).GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        await page.GetByRole(AriaRole.Status).WaitForAsync();
        await page.ShouldBeAccessibleAsync();
    }
}
