using Booking.IntegrationTests.Infrastructure;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Booking.BrowserTests;

/// <summary>
/// The app on a real loopback port (Kestrel) with Debian's Chromium driven by Playwright. No browser
/// download: <c>ExecutablePath</c> points at the system Chromium (override with MAKERSPACE_CHROMIUM).
/// </summary>
public sealed class BrowserHost : MakerspaceHost
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Not started.");

    public override async Task InitializeAsync()
    {
        UseKestrel(0);
        await base.InitializeAsync();
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
        });
    }

    public override async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>A fresh browser context (its own cookies), optionally with JavaScript off.</summary>
    public async Task<IPage> NewPageAsync(bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-US",
        });
        // Generous enough for a loaded 2-core machine (a page plus its axe scan), short enough to say where a CI run stuck.
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        if (!javaScript)
        {
            PageChecks.MarkWithoutJavaScript(page);
        }

        return page;
    }

    private static string ChromiumPath()
    {
        var configured = Environment.GetEnvironmentVariable("MAKERSPACE_CHROMIUM");
        foreach (var candidate in new[] { configured, "/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser" })
        {
            if (!string.IsNullOrEmpty(candidate) && File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("Chromium not found: install Debian's 'chromium' (infra/test.sh does) or set MAKERSPACE_CHROMIUM.");
    }
}

/// <summary>Scans every page a journey visits with axe-core and keeps the journey's last screenshot as an artifact.</summary>
public static class PageChecks
{
    // Pages opened with JavaScript off: axe-core is a script and cannot run there; the same pages
    // are scanned in the runs with it on.
    private static readonly HashSet<IPage> NoScript = [];

    public static void MarkWithoutJavaScript(IPage page)
    {
        lock (NoScript)
        {
            NoScript.Add(page);
        }
    }

    public static async Task ShouldBeAccessibleAsync(this IPage page)
    {
        lock (NoScript)
        {
            if (NoScript.Contains(page))
            {
                return;
            }
        }

        var result = await page.RunAxe();
        var violations = result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))} ({v.Nodes.Count()} in all)").ToList();
        Assert.True(violations.Count == 0, $"axe-core found violations on {page.Url}:\n{string.Join("\n", violations)}");
    }

    public static async Task SaveScreenshotAsync(this IPage page, string journey)
    {
        var folder = Environment.GetEnvironmentVariable("MAKERSPACE_ARTIFACTS") ?? Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{journey}.png"), FullPage = true });
    }
}

/// <summary>
/// Marks tests that check layout and accessibility at a phone's width: what they check does not depend on
/// the database, so <c>infra/test.sh</c> runs them once (on SQLite) and the journeys on both.
/// </summary>
public static class Layout
{
    public const string Trait = "Checks";
    public const string Only = "layout";
}
