namespace Booking.Domain.Common;

/// <summary>A length of time as a person says it, e.g. "1 hour", "24 hours", "30 minutes", "7 days".</summary>
public static class Durations
{
    /// <summary>
    /// The largest whole unit that says <paramref name="span"/> exactly: days only beyond two days (so "48 hours",
    /// not "2 days"), then hours, else minutes (any seconds are dropped).
    /// </summary>
    public static string InWords(TimeSpan span) => span.TotalMinutes switch
    {
        var m when m % 1440 == 0 && m > 2880 => Plural((int)(m / 1440), "day"),
        var m when m % 60 == 0 => Plural((int)(m / 60), "hour"),
        var m => Plural((int)m, "minute"),
    };

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";
}
