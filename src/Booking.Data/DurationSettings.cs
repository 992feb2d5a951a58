using System.Globalization;
using System.Text.RegularExpressions;

namespace Booking.Data;

/// <summary>Reads durations such as <c>24h</c>, <c>90m</c>, <c>30s</c>, <c>2d</c> or <c>01:00:00</c>; a bad one stops start-up naming its key.</summary>
public static partial class DurationSettings
{
    public static TimeSpan Parse(string key, string value)
    {
        var text = value.Trim();
        var match = Short().Match(text);
        TimeSpan result;
        if (match.Success)
        {
            var amount = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            result = match.Groups[2].Value.ToLowerInvariant() switch
            {
                "d" => TimeSpan.FromDays(amount),
                "h" => TimeSpan.FromHours(amount),
                "m" => TimeSpan.FromMinutes(amount),
                _ => TimeSpan.FromSeconds(amount),
            };
        }
        else if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out result))
        {
            throw Problem(key, value);
        }

        if (result <= TimeSpan.Zero)
        {
            throw Problem(key, value);
        }

        return result;
    }

    private static ConfigurationProblem Problem(string key, string value) =>
        new($"{key} is '{value}'; give a positive duration such as 24h, 90m, 30s or 01:00:00.");

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*([dhms])$", RegexOptions.IgnoreCase)]
    private static partial Regex Short();
}
