using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Domain.Tests.Support;
using static Booking.Domain.Tests.Support.TestData;

namespace Booking.Domain.Tests.Reservations;

public sealed class WaitlistEntryTests
{
    private static readonly Guid ResourceId = Guid.NewGuid();
    private static readonly UtcInterval Slot = new(Z(2026, 6, 2, 8), Z(2026, 6, 2, 9));
    private static readonly DateTime Joined = Z(2026, 6, 1, 10);

    private static WaitlistEntry Waiting() => new(ResourceId, Patron, Slot, Joined);

    private static WaitlistEntry InStatus(WaitlistStatus status)
    {
        var entry = Waiting();
        switch (status)
        {
            case WaitlistStatus.Waiting:
                break;
            case WaitlistStatus.Offered:
                entry.Offered(Guid.NewGuid(), Joined);
                break;
            case WaitlistStatus.Accepted:
                entry.Offered(Guid.NewGuid(), Joined);
                entry.Accepted();
                break;
            case WaitlistStatus.Lapsed:
                entry.Offered(Guid.NewGuid(), Joined);
                entry.Lapsed();
                break;
            case WaitlistStatus.Withdrawn:
                entry.Withdraw();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(status));
        }

        Assert.Equal(status, entry.Status);
        return entry;
    }

    [Fact]
    public void Create_ValidInterval_Waiting()
    {
        var entry = Waiting();
        Assert.Equal(WaitlistStatus.Waiting, entry.Status);
        Assert.Equal((ResourceId, Patron, Slot, Joined), (entry.ResourceId, entry.PatronId, entry.Interval, entry.JoinedAtUtc));
        Assert.Null(entry.OfferedReservationId);
        Assert.NotEqual(Guid.Empty, entry.Id);
    }

    [Fact]
    public void Create_EmptyInterval_ThrowsValidation() =>
        RefusalAssertions.ShouldThrowDomain(() => new WaitlistEntry(ResourceId, Patron, new UtcInterval(Slot.End, Slot.Start), Joined), ErrorCodes.Validation);

    [Fact]
    public void Offered_Waiting_OfferedWithReservation()
    {
        var entry = Waiting();
        var reservationId = Guid.NewGuid();
        entry.Offered(reservationId, Joined.AddHours(1));
        Assert.Equal(WaitlistStatus.Offered, entry.Status);
        Assert.Equal(reservationId, entry.OfferedReservationId);
        Assert.Equal(Joined.AddHours(1), entry.OfferedAtUtc);
    }

    [Theory]
    [InlineData(WaitlistStatus.Offered)]
    [InlineData(WaitlistStatus.Accepted)]
    [InlineData(WaitlistStatus.Lapsed)]
    [InlineData(WaitlistStatus.Withdrawn)]
    public void Offered_NotWaiting_ThrowsInvalidState(WaitlistStatus status)
    {
        var entry = InStatus(status);
        RefusalAssertions.ShouldThrowDomain(() => entry.Offered(Guid.NewGuid(), Joined), ErrorCodes.InvalidState);
        Assert.Equal(status, entry.Status);
    }

    [Fact]
    public void Accepted_Offered_Accepted() =>
        InStatus(WaitlistStatus.Accepted);

    [Theory]
    [InlineData(WaitlistStatus.Waiting)]
    [InlineData(WaitlistStatus.Accepted)]
    [InlineData(WaitlistStatus.Lapsed)]
    [InlineData(WaitlistStatus.Withdrawn)]
    public void Accepted_NotOffered_ThrowsInvalidState(WaitlistStatus status)
    {
        var entry = InStatus(status);
        RefusalAssertions.ShouldThrowDomain(entry.Accepted, ErrorCodes.InvalidState);
        Assert.Equal(status, entry.Status);
    }

    [Fact]
    public void Lapsed_Offered_Lapsed() =>
        InStatus(WaitlistStatus.Lapsed);

    /// <summary>Lapsing is deliberately tolerant (a sweep may run twice): it only ever moves an open offer.</summary>
    [Theory]
    [InlineData(WaitlistStatus.Waiting)]
    [InlineData(WaitlistStatus.Accepted)]
    [InlineData(WaitlistStatus.Lapsed)]
    [InlineData(WaitlistStatus.Withdrawn)]
    public void Lapsed_NoOpenOffer_StatusUnchanged(WaitlistStatus status)
    {
        var entry = InStatus(status);
        entry.Lapsed();
        Assert.Equal(status, entry.Status);
    }

    [Theory]
    [InlineData(WaitlistStatus.Waiting)]
    [InlineData(WaitlistStatus.Offered)]
    public void Withdraw_WaitingOrOffered_Withdrawn(WaitlistStatus status)
    {
        var entry = InStatus(status);
        entry.Withdraw();
        Assert.Equal(WaitlistStatus.Withdrawn, entry.Status);
    }

    [Theory]
    [InlineData(WaitlistStatus.Accepted)]
    [InlineData(WaitlistStatus.Lapsed)]
    [InlineData(WaitlistStatus.Withdrawn)]
    public void Withdraw_NoLongerWaiting_ThrowsInvalidState(WaitlistStatus status)
    {
        var entry = InStatus(status);
        RefusalAssertions.ShouldThrowDomain(entry.Withdraw, ErrorCodes.InvalidState);
        Assert.Equal(status, entry.Status);
    }
}
