using Microsoft.Extensions.Time.Testing;

namespace Booking.IntegrationTests.Infrastructure;

/// <summary>Times relative to a host's shared clock, so tests of one class work in any order.</summary>
public static class Moments
{
    /// <summary>A local wall-clock time at a branch some days after the clock's present.</summary>
    public static DateTimeOffset DaysAhead(this FakeTimeProvider clock, string zoneId, int days, int hour)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var today = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).Date;
        return TestData.Local(zoneId, today.AddDays(days).AddHours(hour).ToString("s", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Moves the clock forward to <paramref name="when"/> (never back).</summary>
    public static void MoveTo(this FakeTimeProvider clock, DateTimeOffset when)
    {
        var delta = when - clock.GetUtcNow();
        if (delta > TimeSpan.Zero)
        {
            clock.Advance(delta);
        }
    }
}
