using Booking.Domain.Common;
using static Booking.Domain.Tests.Support.TestData;

namespace Booking.Domain.Tests.Common;

public sealed class UtcIntervalTests
{
    [Fact]
    public void Overlaps_Touching_False()
    {
        var morning = new UtcInterval(Z(2026, 6, 2, 8), Z(2026, 6, 2, 9));
        var next = new UtcInterval(Z(2026, 6, 2, 9), Z(2026, 6, 2, 10));
        Assert.False(morning.Overlaps(next));
        Assert.False(next.Overlaps(morning));
    }

    [Fact]
    public void Overlaps_SharingAMinute_True()
    {
        var morning = new UtcInterval(Z(2026, 6, 2, 8), Z(2026, 6, 2, 9));
        var next = new UtcInterval(Z(2026, 6, 2, 8, 59), Z(2026, 6, 2, 10));
        Assert.True(morning.Overlaps(next));
        Assert.True(next.Overlaps(morning));
    }

    [Fact]
    public void Contains_InsideAndEdges_True() =>
        Assert.True(new UtcInterval(Z(2026, 6, 2, 8), Z(2026, 6, 2, 12)).Contains(new UtcInterval(Z(2026, 6, 2, 8), Z(2026, 6, 2, 12))));

    [Fact]
    public void IsEmpty_EndNotAfterStart_True()
    {
        Assert.True(new UtcInterval(Z(2026, 6, 2, 8), Z(2026, 6, 2, 8)).IsEmpty);
        Assert.True(new UtcInterval(Z(2026, 6, 2, 9), Z(2026, 6, 2, 8)).IsEmpty);
    }

    [Fact]
    public void Create_MachineLocalTime_Refused() =>
        Assert.Throws<ArgumentException>(() => new UtcInterval(new DateTime(2026, 6, 2, 8, 0, 0, DateTimeKind.Local), Z(2026, 6, 2, 9)));

    [Fact]
    public void Create_UnspecifiedKind_StoredAsUtc() =>
        Assert.Equal(DateTimeKind.Utc, new UtcInterval(new DateTime(2026, 6, 2, 8, 0, 0), new DateTime(2026, 6, 2, 9, 0, 0)).Start.Kind);
}
