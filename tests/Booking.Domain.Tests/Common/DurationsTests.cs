using Booking.Domain.Common;

namespace Booking.Domain.Tests.Common;

/// <summary>A reminder's lead time as its subject line says it ("Reminder: Laser cutter in 24 hours").</summary>
public sealed class DurationsTests
{
    [Theory]
    [InlineData(1, "1 minute")]
    [InlineData(30, "30 minutes")]
    [InlineData(90, "90 minutes")]
    [InlineData(60, "1 hour")]
    [InlineData(120, "2 hours")]
    [InlineData(1440, "24 hours")]
    [InlineData(2880, "48 hours")]
    [InlineData(4320, "3 days")]
    [InlineData(10080, "7 days")]
    [InlineData(4380, "73 hours")]
    public void InWords_WholeMinutes_LargestUnitThatSaysItExactly(int minutes, string expected) =>
        Assert.Equal(expected, Durations.InWords(TimeSpan.FromMinutes(minutes)));

    [Fact]
    public void InWords_SecondsOverWholeMinutes_Dropped() =>
        Assert.Equal("90 minutes", Durations.InWords(TimeSpan.FromSeconds(90 * 60 + 30)));

    [Theory]
    [InlineData(1440, "24 horas")]
    [InlineData(30, "30 minutos")]
    [InlineData(4320, "3 días")]
    public void InWords_InSpanish_FromHumanizer(int minutes, string expected) =>
        Assert.Equal(expected, Durations.InWords(TimeSpan.FromMinutes(minutes), System.Globalization.CultureInfo.GetCultureInfo("es")));
}
