using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Booking.IntegrationTests.Infrastructure;
using Deque.AxeCore.Commons;
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
    private Chromium? _chromium;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser => _chromium?.Browser ?? throw new InvalidOperationException("Not started.");

    private int _port;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Site:PublicUrl"] = $"http://127.0.0.1:{_port}",
        // Account e-mails (confirmation, password reset) are queued; a worker writes them to the pickup folder.
        ["Jobs:Workers:Enabled"] = "true",
        ["Jobs:Workers:PollInterval"] = "0.2s",
    };

    private int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        _port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        return _port;
    }

    public override async Task InitializeAsync()
    {
        // The public address must be known before the app starts (links on signs and in e-mails use it).
        UseKestrel(FreePort());
        await base.InitializeAsync();
        StartServer();
        BaseUrl = $"http://127.0.0.1:{_port}";

        _chromium = await Chromium.BorrowAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.GiveBackAsync();
        }

        await base.DisposeAsync();
    }

    /// <summary>
    /// A fresh browser context (its own cookies), optionally with JavaScript off. With <paramref name="scanEveryPage"/>,
    /// axe-core is loaded into every page as it opens (Chromium compiles it once for the tab), for a test that scans
    /// each page it loads: sending it into each page costs about four times as much.
    /// </summary>
    public async Task<IPage> NewPageAsync(bool javaScript = true, bool scanEveryPage = false)
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
        if (scanEveryPage)
        {
            await context.AddInitScriptAsync(PageChecks.AxeScript.Value);
        }

        var page = await context.NewPageAsync();
        await PageChecks.WatchPolicyViolationsAsync(context, page);
        if (!javaScript)
        {
            PageChecks.MarkWithoutJavaScript(page);
        }

        return page;
    }
}

/// <summary>
/// A Chromium and the Playwright driver that runs it, launched once and lent to one test class at a time: the run
/// starts as many as run at once (two on two cores), not one per class; a launch with its driver and first page costs
/// about 3.5 s of CPU. A class has its browser to itself while it holds it (Playwright for .NET is not meant to be
/// shared between threads), and closes what it left open before giving it back; every test makes its own context, so
/// nothing else carries over.
/// </summary>
public sealed class Chromium
{
    private static readonly ConcurrentBag<Chromium> Idle = [];

    private readonly IPlaywright _playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<Chromium> BorrowAsync()
    {
        while (Idle.TryTake(out var idle))
        {
            if (idle.Browser.IsConnected)
            {
                return idle;
            }

            idle._playwright.Dispose();
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
        });
        return new Chromium(playwright, browser);
    }

    /// <summary>Closes the contexts the class left open (a failed test's among them), then lends the browser out again.</summary>
    public async Task GiveBackAsync()
    {
        foreach (var context in Browser.Contexts.ToList())
        {
            await context.CloseAsync();
        }

        Idle.Add(this);
    }

    private static string ExecutablePath()
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

/// <summary>Scans every page a journey visits with axe-core, and saves screenshots when they are wanted.</summary>
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

    /// <summary>
    /// Waits until the page has navigated to <paramref name="path"/> (any query) and has finished loading it.
    /// Used instead of Playwright's <c>WaitForURLAsync</c>: in 1.64 that reads the frame's load states and then
    /// subscribes to their event without a lock, so a load that lands between the two is missed and the wait
    /// times out on a page that is there (CI saw it as a 30 s timeout whose log shows only "NetworkIdle event
    /// fired"). Both waits here are polled by Playwright's server side, which has no such gap.
    /// </summary>
    public static async Task ArriveAtAsync(this IPage page, string path)
    {
        var there = new Regex($"^[a-z]+://[^/]+{Regex.Escape(path)}([?#].*)?$");
        await Assertions.Expect(page).ToHaveURLAsync(there, new() { Timeout = 30_000 });
        if (!RunsScripts(page))
        {
            return; // nothing waits on scripts there, and later locators wait for what they need
        }

        await page.WaitForFunctionAsync("() => document.readyState === 'complete'", null, new() { Timeout = 30_000 });
    }

    private static bool RunsScripts(IPage page)
    {
        lock (NoScript)
        {
            return !NoScript.Contains(page);
        }
    }

    // What the browser refused on a page under the site's Content-Security-Policy (or reported about its
    // Permissions-Policy), from its console and from the page's securitypolicyviolation events.
    private static readonly ConditionalWeakTable<IPage, List<string>> PolicyViolations = new();

    /// <summary>Collects every policy violation of <paramref name="page"/>, whichever page of the site it is on.</summary>
    public static async Task WatchPolicyViolationsAsync(IBrowserContext context, IPage page)
    {
        var found = PolicyViolations.GetValue(page, _ => []);
        void Add(string text)
        {
            lock (found)
            {
                found.Add(text);
            }
        }

        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                || message.Text.Contains("Permissions-Policy", StringComparison.OrdinalIgnoreCase))
            {
                Add($"console {message.Type} on {page.Url}: {message.Text}");
            }
        };
        // The binding and the init script come from Playwright, not the page, so the policy under test does not block them.
        await context.ExposeFunctionAsync("__makerspacePolicyViolation", (string text) => Add($"securitypolicyviolation on {page.Url}: {text}"));
        await context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e => window.__makerspacePolicyViolation(
                `${e.effectiveDirective} refused ${e.blockedURI || 'inline'} at ${e.sourceFile || e.documentURI}:${e.lineNumber} ${e.sample}`));
            """);
    }

    /// <summary>Fails when the browser refused anything on this page (or an earlier one of the same tab) under the site's policies.</summary>
    public static void ShouldHaveNoPolicyViolations(this IPage page)
    {
        if (!PolicyViolations.TryGetValue(page, out var found))
        {
            return;
        }

        List<string> seen;
        lock (found)
        {
            seen = [.. found];
        }

        Assert.True(seen.Count == 0, $"The browser reported policy violations on {page.Url}:\n{string.Join("\n", seen)}");
    }

    public static async Task ShouldBeAccessibleAsync(this IPage page)
    {
        if (!RunsScripts(page))
        {
            page.ShouldHaveNoPolicyViolations();
            return;
        }

        // A page the run has already scanned clean, as it stands (the same markup, size, colour scheme and focused
        // element: PageState), would give axe-core the same answer: it is not scanned again. Journeys pass the sign-in page and
        // the home page again and again, and a scan with axe-core sent into the page costs about 0.6 s of CPU.
        var state = await page.EvaluateAsync<string>(PageState);
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(state)));
        if (ScannedClean.ContainsKey(key))
        {
            page.ShouldHaveNoPolicyViolations();
            return;
        }

        // axe-core runs in the page with one call. Deque's RunAxe wrapper took about 2 s a page here (it
        // assembles its report through a second, blank page); axe.run itself takes about 0.1 s.
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(AxeSource.Value);
        }

        var found = JsonSerializer.Deserialize<AxeViolation[]>(await page.EvaluateAsync<string>(RunAxe), JsonSerializerOptions.Web) ?? [];
        var violations = found.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Targets.Take(3))} ({v.Targets.Length} in all)").ToList();
        page.ShouldHaveNoPolicyViolations(); // after the scan: the page's events have had time to arrive
        Assert.True(violations.Count == 0, $"axe-core found violations on {page.Url}:\n{string.Join("\n", violations)}");
        ScannedClean.TryAdd(key, true);
    }

    // The pages already scanned without a violation in this run, by what PageState reads.
    private static readonly ConcurrentDictionary<string, bool> ScannedClean = new();

    // What axe-core's answer depends on: the page's markup (an anti-forgery token's value aside, new on every load),
    // the viewport, the colour scheme and which element has the focus (its style may differ). The markup holds the
    // style sheets' addresses and every attribute scripts set.
    private const string PageState = """
        () => [innerWidth, innerHeight, matchMedia('(prefers-color-scheme: dark)').matches,
            document.activeElement ? document.activeElement.outerHTML.slice(0, 500) : '',
            document.documentElement.outerHTML.replace(/value="CfDJ8[^"]*"/g, 'value=""')].join('\n')
        """;

    /// <summary>axe-core's script as Deque bundles it.</summary>
    public static readonly Lazy<string> AxeScript = new(() => new BundledAxeScriptProvider().GetScript());

    // Injected the way Deque's wrapper does it: as the body of a function Playwright evaluates, which a page's
    // Content-Security-Policy does not block.
    private static readonly Lazy<string> AxeSource = new(() => "() => " + AxeScript.Value);

    private const string RunAxe = """
        async () => JSON.stringify((await axe.run(document, { resultTypes: ['violations'] })).violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' ')) })))
        """;

    private sealed record AxeViolation(string Id, string? Impact, string Help, string[] Targets);

    public static async Task SaveScreenshotAsync(this IPage page, string journey)
    {
        if (!Screenshots.Wanted)
        {
            return;
        }

        var path = Path.Combine(Screenshots.Folder, $"{journey}.png"); // a journey may name a subfolder ("tour/...")
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
    }
}

/// <summary>
/// Screenshots are for people to look at, and nothing checks them: they are taken when MAKERSPACE_SCREENSHOTS=1. The
/// run's 300-odd full pages cost Chromium about 0.25 s of CPU each, a tenth of the browser tests' work.
/// </summary>
public static class Screenshots
{
    public static bool Wanted => Environment.GetEnvironmentVariable("MAKERSPACE_SCREENSHOTS") == "1";

    public static string Folder => Environment.GetEnvironmentVariable("MAKERSPACE_ARTIFACTS") ?? Path.Combine(AppContext.BaseDirectory, "screenshots");
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

/// <summary>
/// Marks the journeys that <c>infra/test.sh</c> runs on PostgreSQL as well as on SQLite: the core path (reserving and
/// cancelling, a hand-over, check-in, training, a forgotten password). Every journey runs on SQLite; every rule, API
/// and page's server side runs on both in the integration tests, the pages whose SQL differs between the providers
/// among them (finding a room, every report's figures and CSVs, demand), so a browser adds nothing there on a second
/// database.
/// </summary>
public static class BothDatabases
{
    public const string Value = "both-databases";
}
