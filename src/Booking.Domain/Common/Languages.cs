using System.Globalization;

namespace Booking.Domain.Common;

/// <summary>
/// The languages the library speaks: pages, problem details and e-mail. English is the default; adding one is adding
/// its code here and its resource files (see README, "Languages").
/// </summary>
public static class Languages
{
    public const string Default = "en";

    public static readonly IReadOnlyList<string> Supported = ["en", "es"];

    /// <summary>A supported language code for <paramref name="value"/> (<c>es-MX</c> is <c>es</c>), or null.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 35)
        {
            return null;
        }

        var code = value.Trim().Split('-', '_')[0].ToLowerInvariant();
        return Supported.Contains(code) ? code : null;
    }

    /// <summary>The culture to write in for a saved preference; the default when none or unknown.</summary>
    public static CultureInfo CultureFor(string? preference) => CultureInfo.GetCultureInfo(Normalize(preference) ?? Default);
}
