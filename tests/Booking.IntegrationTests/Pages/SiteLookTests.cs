using System.Net;
using System.Text.Json;
using Booking.Data;
using Booking.IntegrationTests.Infrastructure;
using Booking.Web.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Booking.IntegrationTests.Pages;

/// <summary>The favicon and manifest every page links, and the default look when nothing is configured.</summary>
public sealed class SiteLookTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    [Theory]
    [InlineData("/favicon.ico", "image/x-icon")]
    [InlineData("/favicon.svg", "image/svg+xml")]
    [InlineData("/apple-touch-icon.png", "image/png")]
    [InlineData("/icon-192.png", "image/png")]
    [InlineData("/icon-512.png", "image/png")]
    [InlineData("/site.webmanifest", "application/manifest+json")]
    [InlineData("/site/theme.css", "text/css")]
    public async Task Get_IconsManifestAndTheme_ServedWithTheirContentType(string path, string mediaType)
    {
        var response = await host.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_Manifest_NamesTheSiteAndItsIconsWhichExist()
    {
        var client = host.CreateClient();
        var manifest = JsonDocument.Parse(await client.GetStringAsync("/site.webmanifest")).RootElement;

        Assert.Equal("Makerspace", manifest.GetProperty("name").GetString());
        Assert.Equal("/", manifest.GetProperty("start_url").GetString());
        Assert.Equal("#0f6b66", manifest.GetProperty("theme_color").GetString());
        foreach (var icon in manifest.GetProperty("icons").EnumerateArray())
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(icon.GetProperty("src").GetString())).StatusCode);
        }
    }

    [Fact]
    public async Task Get_AnyPage_LinksFaviconManifestAndThemeWithoutInlineStyle()
    {
        var html = await host.CreateClient().GetStringAsync("/");

        Assert.Contains("<link rel=\"icon\" href=\"/favicon.ico\" sizes=\"32x32\" />", html);
        Assert.Contains("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\" />", html);
        Assert.Contains("<link rel=\"manifest\" href=\"/site.webmanifest\" />", html);
        Assert.Matches("<link rel=\"stylesheet\" href=\"/site/theme.css\\?v=[0-9a-f]{12}\" />", html);
        Assert.DoesNotContain("style=", html);
        Assert.DoesNotContain("<style", html);
        Assert.DoesNotContain("/site/logo", html); // the built-in mark is drawn in the page, no logo configured
    }

    [Fact]
    public async Task Get_LogoWithoutOneConfigured_NotFound()
    {
        var response = await host.CreateClient().GetAsync(SiteLook.LogoPath);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

/// <summary>The library's own name, logo and accent from configuration.</summary>
public sealed class ConfiguredSiteLookTests : IAsyncLifetime
{
    private static readonly string Logo = Path.Combine(Path.GetTempPath(), $"makerspace-logo-{Guid.NewGuid():N}.svg");

    private readonly ConfiguredHost _host = new("Testing", new Dictionary<string, string?>
    {
        [SiteLook.NameKey] = "Riverside Library Makerspace",
        [SiteLook.AccentKey] = "#F2C200", // a light yellow: white text on it would fail AA
        [SiteLook.LogoKey] = Logo,
    });

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Logo, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><circle cx=\"5\" cy=\"5\" r=\"5\"/></svg>");
        await _host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_host).DisposeAsync();
        File.Delete(Logo);
    }

    [Fact]
    public async Task Get_Pages_CarryTheLibrarysNameLogoAndAccent_WithShadesThatKeepContrast()
    {
        var client = _host.CreateClient();
        var html = await client.GetStringAsync("/sessions");
        Assert.Contains("<title>Sessions · Riverside Library Makerspace</title>", html);
        Assert.Contains("<span>Riverside Library Makerspace</span>", html);
        var logo = System.Text.RegularExpressions.Regex.Match(html, "<img src=\"(/site/logo\\?v=[0-9a-f]{12})\" alt=\"\"").Groups[1].Value;
        Assert.NotEmpty(logo);
        var served = await client.GetAsync(logo);
        Assert.Equal("image/svg+xml", served.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<circle", await served.Content.ReadAsStringAsync());

        var theme = System.Text.RegularExpressions.Regex.Match(html, "href=\"(/site/theme.css\\?v=[0-9a-f]{12})\"").Groups[1].Value;
        var css = await client.GetStringAsync(theme);
        Assert.Contains("--accent: #f2c200;", css);
        Assert.Contains("--on-accent: #15191e;", css); // dark text on the yellow band
        var strong = System.Text.RegularExpressions.Regex.Match(css, "--accent-strong: (#[0-9a-f]{6});").Groups[1].Value;
        Assert.True(AccentColor.Parse(strong)!.ContrastWith(AccentColor.LightSurface) >= 4.5, $"{strong} on the light surface");

        var manifest = JsonDocument.Parse(await client.GetStringAsync("/site.webmanifest")).RootElement;
        Assert.Equal("Riverside Library Makerspace", manifest.GetProperty("name").GetString());
        Assert.Equal("#f2c200", manifest.GetProperty("theme_color").GetString());
    }
}

/// <summary>The colour arithmetic and the settings' checks, without a host.</summary>
public sealed class AccentColorTests
{
    [Theory]
    [InlineData("#0f6b66")]
    [InlineData("#F2C200")]
    [InlineData("#e91e63")]
    [InlineData("#777")]
    [InlineData("#ffffff")]
    [InlineData("#000000")]
    public void Shades_AnyAccent_TextAndButtonsKeepAaContrastInBothSchemes(string accent)
    {
        var color = AccentColor.Parse(accent)!;

        var light = color.ReadableOn(AccentColor.LightSurface);
        var dark = color.ReadableOn(AccentColor.DarkRaised);

        Assert.True(light.ContrastWith(AccentColor.LightSurface) >= 4.5, $"{light.Hex} on the light surface");
        Assert.True(light.ContrastWith(AccentColor.White) >= 4.5, $"{light.Hex} on white");
        Assert.True(light.TextOn.ContrastWith(light) >= 4.5, $"button text on {light.Hex}");
        Assert.True(dark.ContrastWith(AccentColor.DarkRaised) >= 4.5, $"{dark.Hex} on the dark surface");
        Assert.True(dark.TextOn.ContrastWith(dark) >= 4.5, $"button text on {dark.Hex}");
        Assert.True(color.Band.TextOn.ContrastWith(color.Band) >= 4.5, $"header text on {color.Band.Hex}");
    }

    [Fact]
    public void Shades_DefaultTeal_KeptAsItIsOnLight()
    {
        Assert.Equal("#0f6b66", AccentColor.Default.ReadableOn(AccentColor.LightSurface).Hex);
        Assert.True(AccentColor.Default.ContrastWith(AccentColor.White) >= 4.5);
    }

    [Theory]
    [InlineData("red")]
    [InlineData("#12345")]
    [InlineData("#0f6b66; } body { display: none")]
    [InlineData("#0f6b66</style>")]
    [InlineData("rgb(0,0,0)")]
    [InlineData("url(https://tracker.example/x.png)")]
    public void From_AccentThatIsNotAHexColour_StopsStartUpNamingTheKey(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [SiteLook.AccentKey] = value }).Build();

        var problem = Assert.Throws<ConfigurationProblem>(() => SiteLook.From(configuration, Path.GetTempPath()));

        Assert.Contains("Site:AccentColor", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("logo.gif", "an .svg, .png, .jpg or .webp file")]
    [InlineData("no-such-logo.png", "not a file")]
    public void From_LogoNotAnImageFileWeServe_StopsStartUpNamingTheKey(string file, string said)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [SiteLook.LogoKey] = file }).Build();

        var problem = Assert.Throws<ConfigurationProblem>(() => SiteLook.From(configuration, Path.GetTempPath()));

        Assert.Contains("Site:LogoPath", problem.Message, StringComparison.Ordinal);
        Assert.Contains(said, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_NameOnTwoLines_StopsStartUpNamingTheKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [SiteLook.NameKey] = "Makerspace\n<script>" }).Build();

        Assert.Contains("Site:Name", Assert.Throws<ConfigurationProblem>(() => SiteLook.From(configuration, Path.GetTempPath())).Message, StringComparison.Ordinal);
    }
}
