using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using static Booking.Domain.Tests.Support.TestData;

namespace Booking.Domain.Tests.Reservations;

/// <summary>Three no-shows of a kind in 60 days suspend that kind for 14 days; punished no-shows do not count again.</summary>
public sealed class NoShowStrikesTests
{
    private static readonly NoShowStrikes Rule = new();
    private static readonly DateTime Now = Z(2026, 6, 30, 12);

    private static DateTime DaysAgo(double days) => Now.AddDays(-days);

    [Fact]
    public void Strikes_ThreeInsideTheWindow_Suspends()
    {
        var strikes = Rule.Strikes([DaysAgo(1), DaysAgo(20), DaysAgo(59)], [], Now);
        Assert.Equal(3, strikes);
        Assert.True(Rule.Suspends(strikes));
    }

    [Fact]
    public void Strikes_OneOutsideTheWindow_DoesNotCount()
    {
        var strikes = Rule.Strikes([DaysAgo(1), DaysAgo(20), DaysAgo(60), DaysAgo(61)], [], Now);
        Assert.Equal(2, strikes);
        Assert.False(Rule.Suspends(strikes));
    }

    [Fact]
    public void Strikes_OnlyThoseAfterTheLastSuspensionBegan()
    {
        var earlier = new BookingSuspension(Patron, KnownKinds.LaserCutter, DaysAgo(30), DaysAgo(16), "3 no-shows");
        Assert.Equal(1, Rule.Strikes([DaysAgo(40), DaysAgo(35), DaysAgo(31), DaysAgo(2)], [earlier], Now));
    }

    [Fact]
    public void Strikes_WhileASuspensionIsInForce_None()
    {
        var inForce = new BookingSuspension(Patron, KnownKinds.LaserCutter, DaysAgo(2), Now.AddDays(12), "3 no-shows");
        Assert.Equal(0, Rule.Strikes([DaysAgo(1), DaysAgo(1), DaysAgo(1)], [inForce], Now));
    }

    [Fact]
    public void Strikes_AfterALiftedSuspension_CountFromItsStart()
    {
        var lifted = new BookingSuspension(Patron, KnownKinds.LaserCutter, DaysAgo(5), Now.AddDays(9), "3 no-shows");
        lifted.Lift(Staff, DaysAgo(4));
        Assert.Equal(2, Rule.Strikes([DaysAgo(6), DaysAgo(3), DaysAgo(1)], [lifted], Now));
    }

    [Fact]
    public void Suspend_ForTheConfiguredDays_SayingWhy()
    {
        var suspension = new NoShowStrikes(Count: 2, WindowDays: 30, SuspensionDays: 7).Suspend(Patron, KnownKinds.Room, "Rooms", 2, Now);
        Assert.Equal(Now, suspension.StartsAtUtc);
        Assert.Equal(Now.AddDays(7), suspension.EndsAtUtc);
        Assert.Equal("2 reservations of Rooms not claimed in the last 30 days.", suspension.Reason);
        Assert.True(suspension.IsInForce(Now));
    }

    [Fact]
    public void ReasonFacts_ReadBackWhatSuspendWrote_AndNothingElse()
    {
        var suspension = new NoShowStrikes(WindowDays: 45).Suspend(Patron, KnownKinds.Printer3D, "3D printers", 4, Now);
        Assert.Equal((4, "3D printers", 45), NoShowStrikes.ReasonFacts(suspension.Reason));
        Assert.Null(NoShowStrikes.ReasonFacts("Left the cutter running."));
        Assert.Null(NoShowStrikes.ReasonFacts("3 reservations of Rooms not claimed in the last 60 days. And more."));
    }
}
