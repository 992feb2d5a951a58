using Microsoft.Playwright;

namespace Booking.BrowserTests;

/// <summary>The printed QR sign of a resource, and the check-in page its code opens.</summary>
public sealed class QrCheckInPage(IPage page)
{
    private string _checkInPath = "";

    /// <summary>Opens the sign and follows its check-in address, as a phone scanning the code would.</summary>
    public async Task<string> OpenFromSignAsync(Guid resourceId)
    {
        await page.GotoAsync($"/resources/{resourceId}/sign");
        await page.ShouldBeAccessibleAsync();
        var link = page.Locator($"main a[href$='/resources/{resourceId}/check-in']");
        var url = await link.GetAttributeAsync("href") ?? "";
        _checkInPath = new Uri(url).AbsolutePath;
        await link.ClickAsync();
        return url;
    }

    /// <summary>Signs in on the page the check-in address sent us to, and lands back on it.</summary>
    public async Task SignInAsync(string email, string password)
    {
        await page.ArriveAtAsync("/account/sign-in");
        await page.ShouldBeAccessibleAsync();
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.ArriveAtAsync(_checkInPath);
        await page.ShouldBeAccessibleAsync();
    }

    public ILocator CheckInButton => page.GetByRole(AriaRole.Button, new() { Name = "Check in now" });

    /// <summary>Why there is nothing to check in to yet: a status, not an alert.</summary>
    public ILocator NotYet => page.GetByRole(AriaRole.Status);
}

public sealed class SessionsPage(IPage page)
{
    public async Task OpenAsync(string? kind = null)
    {
        await page.GotoAsync(kind is null ? "/sessions" : $"/sessions?kind={kind}");
        await page.ShouldBeAccessibleAsync();
    }

    public ILocator Item(string title) => page.Locator(".session-list li", new() { HasText = title });

    public async Task OpenSessionAsync(string title)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 }).WaitForAsync();
        await page.ShouldBeAccessibleAsync();
    }

    /// <summary>Presses Register, Join waiting list or Cancel my registration, and waits for the page's answer.</summary>
    public async Task PressAsync(string button)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await page.Locator("[role=status], [role=alert]").First.WaitForAsync();
        await page.ShouldBeAccessibleAsync();
    }
}

public sealed class MyCertificationsPage(IPage page)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync("/certifications/mine");
        await page.ShouldBeAccessibleAsync();
    }

    public ILocator Held => page.GetByRole(AriaRole.Region, new() { Name = "What you hold" });

    public ILocator Needed => page.GetByRole(AriaRole.Region, new() { Name = "What you still need" });
}

public sealed class ForgotPasswordPage(IPage page)
{
    public async Task AskForLinkAsync(string email)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgotten your password?" }).ClickAsync();
        await page.ArriveAtAsync("/account/forgot-password");
        await page.ShouldBeAccessibleAsync();
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me a link" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).WaitForAsync();
        await page.ShouldBeAccessibleAsync();
    }

    public async Task SetNewPasswordAsync(string link, string password)
    {
        await page.GotoAsync(link);
        await page.ShouldBeAccessibleAsync();
        await page.GetByLabel("New password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set new password" }).ClickAsync();
        await page.ArriveAtAsync("/account/sign-in");
        await page.ShouldBeAccessibleAsync();
    }
}
