using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Booking.Data;

/// <summary>Reads one optional setting of a simple type; a malformed value stops start-up naming its key.</summary>
public static class SettingValues
{
    public static TimeSpan Duration(IConfiguration configuration, string key, TimeSpan fallback) =>
        configuration[key] is { Length: > 0 } value ? DurationSettings.Parse(key, value) : fallback;

    public static bool Flag(IConfiguration configuration, string key, bool fallback)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        return bool.TryParse(value, out var flag) ? flag : throw new ConfigurationProblem($"{key} is '{value}'; use true or false.");
    }

    public static int Count(IConfiguration configuration, string key, int fallback)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : throw new ConfigurationProblem($"{key} is '{value}'; give a whole number above zero.");
    }
}
