using System.Globalization;
using System.Text.RegularExpressions;

namespace Booking.Web.Infrastructure;

/// <summary>
/// The library's accent colour, and the shades of it that keep WCAG AA contrast (4.5:1 for text) on the site's
/// light and dark backgrounds. Only <c>#rgb</c> or <c>#rrggbb</c> is accepted, so a setting cannot carry CSS.
/// </summary>
public sealed partial record AccentColor(byte R, byte G, byte B)
{
    /// <summary>A deep teal: 6.3:1 against white.</summary>
    public static readonly AccentColor Default = new(0x0f, 0x6b, 0x66);

    /// <summary>The light theme's darkest background that carries accent text (site.css <c>--surface</c>).</summary>
    public static readonly AccentColor LightSurface = new(0xf4, 0xf6, 0xf8);

    /// <summary>The dark theme's lightest background that carries accent text (site.css dark <c>--paper-raised</c>).</summary>
    public static readonly AccentColor DarkRaised = new(0x1d, 0x23, 0x2a);

    public static readonly AccentColor White = new(0xff, 0xff, 0xff);

    /// <summary>The ink of the dark theme, used for text on light accents.</summary>
    public static readonly AccentColor DarkInk = new(0x15, 0x19, 0x1e);

    public const double TextContrast = 4.5;

    /// <summary>Null when <paramref name="text"/> is not <c>#rgb</c> or <c>#rrggbb</c>.</summary>
    public static AccentColor? Parse(string? text)
    {
        var value = text?.Trim() ?? "";
        if (!HexColor().IsMatch(value))
        {
            return null;
        }

        var hex = value.Length == 4 ? string.Concat(value[1..].Select(c => $"{c}{c}")) : value[1..];
        byte Part(int i) => byte.Parse(hex.AsSpan(i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return new AccentColor(Part(0), Part(2), Part(4));
    }

    public string Hex => $"#{R:x2}{G:x2}{B:x2}";

    /// <summary>Relative luminance as WCAG defines it.</summary>
    public double Luminance
    {
        get
        {
            static double Channel(byte c)
            {
                var s = c / 255.0;
                return s <= 0.03928 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
            }

            return (0.2126 * Channel(R)) + (0.7152 * Channel(G)) + (0.0722 * Channel(B));
        }
    }

    public double ContrastWith(AccentColor other)
    {
        var (light, dark) = Luminance >= other.Luminance ? (Luminance, other.Luminance) : (other.Luminance, Luminance);
        return (light + 0.05) / (dark + 0.05);
    }

    /// <summary>White or the dark ink, whichever reads better on this colour (for a mid tone, neither may reach 4.5:1: see <see cref="Band"/>).</summary>
    public AccentColor TextOn => ContrastWith(White) >= ContrastWith(DarkInk) ? White : DarkInk;

    /// <summary>This colour as a background for text: itself when white or the dark ink reads on it at 4.5:1, else darkened until white does.</summary>
    public AccentColor Band => TextOn.ContrastWith(this) >= TextContrast ? this : ReadableOn(White);

    /// <summary>
    /// This colour with its lightness lowered (on a light background) or raised (on a dark one) in small steps, hue and
    /// saturation kept, until it reaches <paramref name="contrast"/> against <paramref name="background"/>.
    /// </summary>
    public AccentColor ReadableOn(AccentColor background, double contrast = TextContrast)
    {
        var (h, sat, l) = ToHsl();
        var step = background.Luminance > 0.5 ? -0.01 : 0.01;
        var shade = this;
        for (var i = 0; i < 100 && shade.ContrastWith(background) < contrast; i++)
        {
            l = Math.Clamp(l + step, 0, 1);
            shade = FromHsl(h, sat, l);
        }

        return shade;
    }

    private (double H, double S, double L) ToHsl()
    {
        double r = R / 255.0, g = G / 255.0, b = B / 255.0;
        var max = Math.Max(r, Math.Max(g, b));
        var min = Math.Min(r, Math.Min(g, b));
        var l = (max + min) / 2;
        if (max == min)
        {
            return (0, 0, l);
        }

        var d = max - min;
        var s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
        var h = max == r ? ((g - b) / d) + (g < b ? 6 : 0) : max == g ? ((b - r) / d) + 2 : ((r - g) / d) + 4;
        return (h / 6, s, l);
    }

    private static AccentColor FromHsl(double h, double s, double l)
    {
        if (s == 0)
        {
            var grey = (byte)Math.Round(l * 255);
            return new AccentColor(grey, grey, grey);
        }

        var q = l < 0.5 ? l * (1 + s) : l + s - (l * s);
        var p = (2 * l) - q;
        byte Channel(double t)
        {
            t = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
            var c = t < 1.0 / 6 ? p + ((q - p) * 6 * t) : t < 0.5 ? q : t < 2.0 / 3 ? p + ((q - p) * ((2.0 / 3) - t) * 6) : p;
            return (byte)Math.Round(c * 255);
        }

        return new AccentColor(Channel(h + (1.0 / 3)), Channel(h), Channel(h - (1.0 / 3)));
    }

    [GeneratedRegex("^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")]
    private static partial Regex HexColor();
}
