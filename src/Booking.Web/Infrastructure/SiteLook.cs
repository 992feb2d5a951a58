using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Booking.Data;

namespace Booking.Web.Infrastructure;

/// <summary>
/// The library's own look from configuration: <c>Site:Name</c>, <c>Site:LogoPath</c> and <c>Site:AccentColor</c>.
/// The accent reaches the pages as a stylesheet the app serves (<see cref="ThemePath"/>), never inline, so the
/// Content-Security-Policy stays <c>'self'</c> and a setting cannot inject CSS.
/// </summary>
public sealed class SiteLook
{
    public const string NameKey = "Site:Name";
    public const string LogoKey = "Site:LogoPath";
    public const string AccentKey = "Site:AccentColor";
    public const string DefaultName = "Makerspace";
    public const int MaxNameLength = 80;
    public const int MaxLogoBytes = 512 * 1024;

    public const string ThemePath = "/site/theme.css";
    public const string LogoPath = "/site/logo";
    public const string ManifestPath = "/site.webmanifest";

    private static readonly Dictionary<string, string> LogoTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".webp"] = "image/webp",
    };

    private SiteLook(string name, AccentColor accent, byte[]? logo, string? logoType)
    {
        Name = name;
        Accent = accent;
        Logo = logo;
        LogoType = logoType;
        Theme = ThemeCss(accent);
        ThemeUrl = $"{ThemePath}?v={Version(Encoding.UTF8.GetBytes(Theme))}";
        LogoUrl = logo is null ? null : $"{LogoPath}?v={Version(logo)}";
        Manifest = ManifestJson(name, accent);
    }

    /// <summary>The library's (or the makerspace's) name, in the header, the titles and the app manifest.</summary>
    public string Name { get; }

    public AccentColor Accent { get; }

    /// <summary>The configured logo's bytes; null for the built-in mark.</summary>
    public byte[]? Logo { get; }

    public string? LogoType { get; }

    /// <summary>The configured logo's address, versioned by its content; null for the built-in mark.</summary>
    public string? LogoUrl { get; }

    /// <summary>The stylesheet with the accent's shades for light and dark mode.</summary>
    public string Theme { get; }

    /// <summary>The theme's address, versioned by its content so it can be cached for good.</summary>
    public string ThemeUrl { get; }

    public string Manifest { get; }

    /// <summary>Reads the three settings; a bad value stops start-up with one line naming its key.</summary>
    public static SiteLook From(IConfiguration configuration, string contentRoot)
    {
        var name = configuration[NameKey]?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            name = DefaultName;
        }
        else if (name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            throw new ConfigurationProblem($"{NameKey} is at most {MaxNameLength} characters on one line.");
        }

        var accentText = configuration[AccentKey];
        var accent = string.IsNullOrWhiteSpace(accentText)
            ? AccentColor.Default
            : AccentColor.Parse(accentText) ?? throw new ConfigurationProblem($"{AccentKey} is '{accentText}'; give a colour as #rrggbb, such as #0f6b66.");

        var logoSetting = configuration[LogoKey];
        byte[]? logo = null;
        string? logoType = null;
        if (!string.IsNullOrWhiteSpace(logoSetting))
        {
            var path = Path.GetFullPath(logoSetting.Trim(), contentRoot);
            if (!LogoTypes.TryGetValue(Path.GetExtension(path), out logoType))
            {
                throw new ConfigurationProblem($"{LogoKey} is '{logoSetting}'; give an .svg, .png, .jpg or .webp file.");
            }

            var file = new FileInfo(path);
            if (!file.Exists)
            {
                throw new ConfigurationProblem($"{LogoKey} is '{logoSetting}', which is not a file this app can read ({path}).");
            }

            if (file.Length is 0 or > MaxLogoBytes)
            {
                throw new ConfigurationProblem($"{LogoKey} is '{logoSetting}'; a logo is at most {MaxLogoBytes / 1024} KB.");
            }

            logo = File.ReadAllBytes(path);
        }

        return new SiteLook(name, accent, logo, logoType);
    }

    /// <summary>
    /// Custom properties only (site.css holds every rule): the raw accent for the header band with the text that reads
    /// on it, and a shade with at least 4.5:1 for links and buttons in each colour scheme.
    /// </summary>
    private static string ThemeCss(AccentColor accent)
    {
        var band = accent.Band;
        var light = accent.ReadableOn(AccentColor.LightSurface);
        var dark = accent.ReadableOn(AccentColor.DarkRaised);
        return $$"""
            /* The library's accent ({{accent.Hex}}, Site:AccentColor), with shades that keep AA contrast. */
            :root {
              --accent: {{band.Hex}};
              --on-accent: {{band.TextOn.Hex}};
              --accent-strong: {{light.Hex}};
              --on-accent-strong: {{light.TextOn.Hex}};
            }
            @media (prefers-color-scheme: dark) {
              :root {
                --accent-strong: {{dark.Hex}};
                --on-accent-strong: {{dark.TextOn.Hex}};
              }
            }

            """;
    }

    private static string ManifestJson(string name, AccentColor accent) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["name"] = name,
        ["short_name"] = name.Length <= 12 ? name : DefaultName,
        ["start_url"] = "/",
        ["scope"] = "/",
        ["display"] = "standalone",
        ["background_color"] = "#ffffff",
        ["theme_color"] = accent.Hex,
        ["icons"] = new object[]
        {
            new Dictionary<string, string> { ["src"] = "/icon-192.png", ["sizes"] = "192x192", ["type"] = "image/png" },
            new Dictionary<string, string> { ["src"] = "/icon-512.png", ["sizes"] = "512x512", ["type"] = "image/png" },
            new Dictionary<string, string> { ["src"] = "/favicon.svg", ["sizes"] = "any", ["type"] = "image/svg+xml" },
        },
    });

    private static string Version(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content))[..12];
}
