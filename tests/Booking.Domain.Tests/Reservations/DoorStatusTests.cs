using Booking.Domain.Common;
using Booking.Domain.Reservations;

namespace Booking.Domain.Tests.Reservations;

/// <summary>What the door display says of one resource: in use until, free until, closed, out of service.</summary>
public sealed class DoorStatusTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 14, 5, 0, DateTimeKind.Utc);
    private static readonly DateTime Horizon = new(2026, 3, 3, 0, 0, 0, DateTimeKind.Utc);
    private static readonly UtcInterval[] OpenNineToEight = [new(At(9), At(20))];

    private static DateTime At(int hour, int minute = 0) => new(2026, 3, 2, hour, minute, 0, DateTimeKind.Utc);

    private static BusyTime Booked(int from, int to) => new(new UtcInterval(At(from), At(to)), BusyReason.Booked);

    [Fact]
    public void For_BookedNow_InUseUntilItsEnd_AndListsTheNext()
    {
        var line = DoorStatus.For(Now, Horizon, [Booked(16, 17), Booked(13, 15)], OpenNineToEight, outOfService: false);

        Assert.Equal(DoorState.InUse, line.State);
        Assert.Equal(At(15), line.UntilUtc);
        Assert.Equal([At(16)], line.Next.Select(b => b.Interval.Start));
    }

    [Fact]
    public void For_BackToBackBookings_InUseUntilTheLastEnds()
    {
        var line = DoorStatus.For(Now, Horizon, [Booked(13, 15), Booked(15, 16), Booked(18, 19)], OpenNineToEight, outOfService: false);

        Assert.Equal(At(16), line.UntilUtc);
        Assert.Equal([At(18)], line.Next.Select(b => b.Interval.Start));
    }

    [Fact]
    public void For_FreeNow_FreeUntilTheNextBooking()
    {
        var line = DoorStatus.For(Now, Horizon, [Booked(16, 17)], OpenNineToEight, outOfService: false);

        Assert.Equal(DoorState.Free, line.State);
        Assert.Equal(At(16), line.UntilUtc);
    }

    [Fact]
    public void For_FreeForTheRestOfTheDay_FreeUntilClosing()
    {
        var line = DoorStatus.For(Now, Horizon, [Booked(10, 11)], OpenNineToEight, outOfService: false);

        Assert.Equal(DoorState.Free, line.State);
        Assert.Equal(At(20), line.UntilUtc);
        Assert.Empty(line.Next);
    }

    [Fact]
    public void For_OutsideOpeningHours_ClosedUntilItOpens()
    {
        var line = DoorStatus.For(At(7), Horizon, [], OpenNineToEight, outOfService: false);

        Assert.Equal(DoorState.Closed, line.State);
        Assert.Equal(At(9), line.UntilUtc);
    }

    [Fact]
    public void For_OutOfService_SaysSoAndNothingElse()
    {
        var line = DoorStatus.For(Now, Horizon, [Booked(13, 15)], OpenNineToEight, outOfService: true);

        Assert.Equal(DoorState.OutOfService, line.State);
        Assert.Null(line.Now);
        Assert.Empty(line.Next);
    }

    [Fact]
    public void For_ManyLaterBookings_ListsAtMostThree()
    {
        var line = DoorStatus.For(Now, Horizon, [Booked(15, 16), Booked(16, 17), Booked(17, 18), Booked(18, 19)], OpenNineToEight, outOfService: false);

        Assert.Equal(DoorStatus.MaxNext, line.Next.Count);
    }
}
