using Microsoft.Playwright;

namespace Booking.BrowserTests;

/// <summary>The checks every journey leans on must themselves catch what they are for.</summary>
public sealed class PageChecksTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Fact]
    [Trait(Layout.Trait, Layout.Only)]
    public async Task AccessibilityScan_NamesAnUnlabelledField_AndAnImageWithoutText()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/");
        await page.ShouldBeAccessibleAsync(); // a real page first, so the scan below runs with axe already injected

        await page.SetContentAsync("""
            <!DOCTYPE html><html lang="en"><head><title>Broken on purpose</title></head>
            <body><main><h1>Broken</h1><img src="/missing.png"><input type="text"></main></body></html>
            """);
        var failure = await Assert.ThrowsAnyAsync<Exception>(page.ShouldBeAccessibleAsync);

        Assert.Contains("image-alt", failure.Message, StringComparison.Ordinal);
        Assert.Contains("label", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait(Layout.Trait, Layout.Only)]
    public async Task AccessibilityScan_OfAPageTheRunScannedCleanBefore_StillNamesWhatChangedSince()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.ShouldBeAccessibleAsync();
        await page.ShouldBeAccessibleAsync(); // unchanged: answered from the run's memory of this page

        await page.EvaluateAsync("() => document.querySelectorAll('label').forEach(l => l.remove())");
        var failure = await Assert.ThrowsAnyAsync<Exception>(page.ShouldBeAccessibleAsync);

        Assert.Contains("label", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait(Layout.Trait, Layout.Only)]
    public async Task PolicyCheck_NamesAnInlineScriptAndAStyleAttribute_UnderTheAppsOwnHeaders()
    {
        var page = await host.NewPageAsync();
        // The app's real answer for its home page (headers, CSP included) with a body that breaks the policy.
        await page.RouteAsync("**/broken-on-purpose", async route =>
        {
            var real = await route.FetchAsync(new() { Url = host.BaseUrl + "/" });
            await route.FulfillAsync(new()
            {
                Status = 200,
                Headers = real.Headers.Where(h => !h.Key.Equals("content-length", StringComparison.OrdinalIgnoreCase)),
                Body = """
                    <!DOCTYPE html><html lang="en"><head><title>Broken on purpose</title></head>
                    <body><main><h1 style="color: #000">Broken</h1><script>document.title = 'ran';</script></main></body></html>
                    """,
            });
        });
        await page.GotoAsync("/broken-on-purpose");

        var failure = await Assert.ThrowsAnyAsync<Exception>(page.ShouldBeAccessibleAsync);

        Assert.Equal("Broken on purpose", await page.TitleAsync()); // the script was refused
        Assert.Contains("script-src", failure.Message, StringComparison.Ordinal);
        Assert.Contains("style-src", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait(Layout.Trait, Layout.Only)]
    public async Task ArrivingAtAPage_WaitsForTheNavigationAClickStarted()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();

        await page.ArriveAtAsync("/account/sign-in");

        Assert.Equal("complete", await page.EvaluateAsync<string>("() => document.readyState"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
    }
}
