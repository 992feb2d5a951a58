using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Domain.Tests.Support;
using static Booking.Domain.Tests.Support.TestData;

namespace Booking.Domain.Tests.Reservations;

public sealed class MaintenanceBlockTests
{
    private static readonly Guid ResourceId = Guid.NewGuid();
    private static readonly UtcInterval Morning = new(Z(2026, 6, 2, 7), Z(2026, 6, 2, 10));
    private static readonly DateTime Now = Z(2026, 6, 1, 9);

    [Fact]
    public void Create_Valid_RecordsWhoWhenAndWhy()
    {
        var block = new MaintenanceBlock(ResourceId, Morning, "  Replace laser tube ", Staff, Now);
        Assert.Equal((ResourceId, Morning, "Replace laser tube", Staff, Now), (block.ResourceId, block.Interval, block.Reason, block.CreatedById, block.CreatedAtUtc));
        Assert.False(block.IsLifted);
        Assert.NotEqual(Guid.Empty, block.Id);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    public void Create_EmptyInterval_ThrowsValidation(int minutes) =>
        RefusalAssertions.ShouldThrowDomain(
            () => new MaintenanceBlock(ResourceId, new UtcInterval(Morning.Start, Morning.Start.AddMinutes(minutes)), "Service", Staff, Now),
            ErrorCodes.Validation);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_NoReason_ThrowsValidation(string reason) =>
        RefusalAssertions.ShouldThrowDomain(() => new MaintenanceBlock(ResourceId, Morning, reason, Staff, Now), ErrorCodes.Validation);

    [Fact]
    public void Lift_Active_Lifted()
    {
        var block = new MaintenanceBlock(ResourceId, Morning, "Service", Staff, Now);
        block.Lift(OtherPatron, Now.AddHours(1));
        Assert.True(block.IsLifted);
        Assert.Equal(OtherPatron, block.LiftedById);
        Assert.Equal(Now.AddHours(1), block.LiftedAtUtc);
    }

    [Fact]
    public void Lift_AlreadyLifted_ThrowsInvalidState()
    {
        var block = new MaintenanceBlock(ResourceId, Morning, "Service", Staff, Now);
        block.Lift(Staff, Now);
        RefusalAssertions.ShouldThrowDomain(() => block.Lift(Staff, Now.AddHours(1)), ErrorCodes.InvalidState);
        Assert.Equal(Now, block.LiftedAtUtc);
    }
}
