using Booking.Domain.Common;
using Booking.Domain.Resources;

namespace Booking.Domain.Tests.Resources;

public sealed class PolicyTests
{
    [Fact]
    public void Defaults_EveryKnownKind_AreUsable()
    {
        foreach (var (code, _) in KnownKinds.All)
        {
            PolicyValidation.Checked(BookingPolicy.DefaultFor(code));
        }
    }

    [Fact]
    public void Defaults_LaserCutter_HasCoolDownBuffer() =>
        Assert.True(BookingPolicy.DefaultFor(KnownKinds.LaserCutter).BufferAfterMinutes > 0);

    [Fact]
    public void Defaults_Laptop_LendsUpToADay() =>
        Assert.Equal(24 * 60, BookingPolicy.DefaultFor(KnownKinds.Laptop).MaxDurationMinutes);

    [Fact]
    public void Defaults_Desk_ByTheHalfDay() =>
        Assert.Equal(4 * 60, BookingPolicy.DefaultFor(KnownKinds.CoworkingDesk).MinDurationMinutes);

    [Fact]
    public void Override_NullFields_KeepTheKindsValues()
    {
        var kind = BookingPolicy.DefaultFor(KnownKinds.Room);
        var effective = new PolicyOverride { MaxDurationMinutes = 60, RequiresApproval = true }.ApplyTo(kind);
        Assert.Equal(60, effective.MaxDurationMinutes);
        Assert.True(effective.RequiresApproval);
        Assert.Equal(kind.SlotMinutes, effective.SlotMinutes);
        Assert.Equal(kind.BufferAfterMinutes, effective.BufferAfterMinutes);
    }

    [Theory]
    [InlineData(7, 30, 60)]   // slot does not divide a day
    [InlineData(15, 20, 60)]  // minimum not a whole number of slots
    [InlineData(15, 60, 30)]  // maximum below minimum
    public void Checked_UnusablePolicy_Refused(int slot, int min, int max)
    {
        var policy = new BookingPolicy { SlotMinutes = slot, MinDurationMinutes = min, MaxDurationMinutes = max };
        var error = Assert.Throws<DomainException>(() => PolicyValidation.Checked(policy));
        Assert.Equal("validation", error.Code);
    }

    [Fact]
    public void ResourceKind_BadCode_Refused() =>
        Assert.Throws<DomainException>(() => new ResourceKind("Laser Cutter!", "Laser", new BookingPolicy()));
}
