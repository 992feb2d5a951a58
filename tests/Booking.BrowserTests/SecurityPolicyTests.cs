using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Booking.BrowserTests;

/// <summary>
/// Pages the journeys seldom reach, under the site's Content-Security-Policy at a desk's and a phone's width: the
/// browser refuses nothing, and the QR code (inline SVG) and the jobs dashboard still draw.
/// </summary>
public sealed class SecurityPolicyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    [Trait(Layout.Trait, Layout.Only)]
    public async Task KeyPages_StaffAtWidth_NoPolicyViolations(int width)
    {
        var branch = await host.BranchAsync();
        var resource = await host.ResourceAsync(branch.Id, KnownKinds.LaserCutter);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var page = await host.NewPageAsync();
        await page.SetViewportSizeAsync(width, 800);
        await new SignInPage(page).SignInAsync(staff.Email, MakerspaceHost.Password);

        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync($"policy-home-{width}px");

        await page.GotoAsync($"/resources/{resource.Id}");
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync($"policy-resource-{width}px");

        await page.GotoAsync($"/resources/{resource.Id}/sign");
        await page.ShouldBeAccessibleAsync();
        var qr = await page.Locator(".qr svg").BoundingBoxAsync();
        Assert.True(qr is { Width: > 100, Height: > 100 }, $"The QR code is not drawn: {qr?.Width} x {qr?.Height}");
        await page.SaveScreenshotAsync($"policy-sign-{width}px");

        // Hangfire's own page: not ours to make accessible, but it must work under the policy it is given. Its script
        // asks for the counters every 2 s: that answer shows the script ran (waiting for the network to go quiet
        // instead timed out once on a loaded machine, the polling being network too).
        var polled = page.WaitForResponseAsync(r => new Uri(r.Url).AbsolutePath == "/jobs/stats");
        await page.GotoAsync("/jobs");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Jobs" }).First).ToBeVisibleAsync();
        await polled;
        page.ShouldHaveNoPolicyViolations();
        await page.SaveScreenshotAsync($"policy-jobs-{width}px");
    }
}
