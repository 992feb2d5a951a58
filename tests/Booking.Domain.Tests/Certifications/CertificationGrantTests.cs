using Booking.Domain.Certifications;
using Booking.Domain.Common;
using Booking.Domain.Tests.Support;
using static Booking.Domain.Tests.Support.TestData;

namespace Booking.Domain.Tests.Certifications;

public sealed class CertificationGrantTests
{
    private static readonly DateTime Now = Z(2026, 1, 12, 12);

    private static readonly CertificationDefinition Basics = new("3D printer basics", null, 24, null, Now);

    private static CertificationDefinition Advanced(params Guid[] prerequisites) => new("Resin printing", null, null, prerequisites, Now);

    [Fact]
    public void Grant_DefaultExpiry_FromTheValidity()
    {
        var grant = CertificationGrant.Grant(Basics, Patron, Staff, null, [], Now);
        Assert.Equal(Now.AddMonths(24), grant.ExpiresAtUtc);
        Assert.True(grant.IsValidAt(Now));
    }

    [Fact]
    public void Grant_NoValidity_NeverExpires()
    {
        var grant = CertificationGrant.Grant(Advanced(), Patron, Staff, null, [], Now);
        Assert.Null(grant.ExpiresAtUtc);
        Assert.True(grant.CoversThrough(Now.AddYears(50)));
    }

    [Fact]
    public void Grant_ExplicitExpiry_Kept() =>
        Assert.Equal(Now.AddDays(30), CertificationGrant.Grant(Basics, Patron, Staff, Now.AddDays(30), [], Now).ExpiresAtUtc);

    [Fact]
    public void Grant_ExpiryInThePast_Refused() =>
        RefusalAssertions.ShouldThrowDomain(() => CertificationGrant.Grant(Basics, Patron, Staff, Now.AddMinutes(-1), [], Now), ErrorCodes.Validation);

    [Fact]
    public void Grant_ExpiryNow_Refused() =>
        RefusalAssertions.ShouldThrowDomain(() => CertificationGrant.Grant(Basics, Patron, Staff, Now, [], Now), ErrorCodes.Validation);

    [Fact]
    public void Grant_AlreadyHeld_Conflict()
    {
        var first = CertificationGrant.Grant(Basics, Patron, Staff, null, [], Now);
        RefusalAssertions.ShouldThrowDomain(() => CertificationGrant.Grant(Basics, Patron, Staff, null, [first], Now.AddDays(1)), ErrorCodes.Conflict);
    }

    [Fact]
    public void Grant_PreviousOneRevoked_Allowed()
    {
        var first = CertificationGrant.Grant(Basics, Patron, Staff, null, [], Now);
        first.Revoke(Staff, "Unsafe use", Now.AddDays(1));
        Assert.NotEqual(first.Id, CertificationGrant.Grant(Basics, Patron, Staff, null, [first], Now.AddDays(2)).Id);
    }

    [Fact]
    public void Grant_PreviousOneExpired_Allowed()
    {
        var first = CertificationGrant.Grant(Basics, Patron, Staff, Now.AddDays(1), [], Now);
        Assert.NotNull(CertificationGrant.Grant(Basics, Patron, Staff, null, [first], Now.AddDays(1)));
    }

    [Fact]
    public void Grant_PrerequisiteMissing_Refused() =>
        RefusalAssertions.ShouldThrowDomain(() => CertificationGrant.Grant(Advanced(Basics.Id), Patron, Staff, null, [], Now), ErrorCodes.PrerequisiteMissing);

    [Fact]
    public void Grant_PrerequisiteHeld_Allowed()
    {
        var basics = CertificationGrant.Grant(Basics, Patron, Staff, null, [], Now);
        Assert.Null(CertificationGrant.Grant(Advanced(Basics.Id), Patron, Staff, null, [basics], Now).ExpiresAtUtc);
    }

    [Fact]
    public void Grant_PrerequisiteHeldByAnotherPatronOrExpired_Refused()
    {
        var expired = CertificationGrant.Grant(Basics, Patron, Staff, Now.AddDays(1), [], Now);
        RefusalAssertions.ShouldThrowDomain(() => CertificationGrant.Grant(Advanced(Basics.Id), Patron, Staff, null, [expired], Now.AddDays(1)), ErrorCodes.PrerequisiteMissing);
    }

    [Fact]
    public void IsValidAt_TheExpiryInstant_NoLongerValid()
    {
        var grant = CertificationGrant.Grant(Basics, Patron, Staff, Now.AddDays(1), [], Now);
        Assert.True(grant.IsValidAt(Now.AddDays(1).AddTicks(-1)));
        Assert.False(grant.IsValidAt(Now.AddDays(1)));
        Assert.True(grant.CoversThrough(Now.AddDays(1)));
        Assert.False(grant.CoversThrough(Now.AddDays(1).AddTicks(1)));
    }

    [Fact]
    public void Revoke_WithReason_NoLongerValid()
    {
        var grant = CertificationGrant.Grant(Basics, Patron, Staff, null, [], Now);
        grant.Revoke(Staff, "  Left the printer running unattended ", Now.AddDays(3));
        Assert.False(grant.IsValidAt(Now.AddDays(3)));
        Assert.False(grant.CoversThrough(Now.AddDays(4)));
        Assert.Equal("Left the printer running unattended", grant.RevocationReason);
        Assert.Equal(Staff, grant.RevokedById);
    }

    [Fact]
    public void Revoke_NoReason_Refused()
    {
        var grant = CertificationGrant.Grant(Basics, Patron, Staff, null, [], Now);
        RefusalAssertions.ShouldThrowDomain(() => grant.Revoke(Staff, " ", Now), ErrorCodes.Validation);
        Assert.False(grant.IsRevoked);
    }

    [Fact]
    public void Revoke_Twice_InvalidState()
    {
        var grant = CertificationGrant.Grant(Basics, Patron, Staff, null, [], Now);
        grant.Revoke(Staff, "Unsafe", Now);
        RefusalAssertions.ShouldThrowDomain(() => grant.Revoke(Staff, "Again", Now), ErrorCodes.InvalidState);
    }

    [Fact]
    public void ExtendTo_LaterExpiry_Extends_EarlierIgnored()
    {
        var grant = CertificationGrant.Grant(Basics, Patron, Staff, Now.AddDays(10), [], Now);
        Assert.False(grant.ExtendTo(Now.AddDays(5)));
        Assert.True(grant.ExtendTo(Now.AddDays(20)));
        Assert.Equal(Now.AddDays(20), grant.ExpiresAtUtc);
    }

    [Fact]
    public void Definition_ValidityOutOfRange_Refused()
    {
        RefusalAssertions.ShouldThrowDomain(() => new CertificationDefinition("X", null, 0, null, Now), ErrorCodes.Validation);
        RefusalAssertions.ShouldThrowDomain(() => new CertificationDefinition(" ", null, 12, null, Now), ErrorCodes.Validation);
    }
}
