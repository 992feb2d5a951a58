using Booking.Domain.Certifications;
using Booking.Domain.Common;

namespace Booking.Domain.Tests.Certifications;

/// <summary>Changing a definition: grants already given keep their expiry; prerequisites never form a cycle.</summary>
public sealed class CertificationDefinitionTests
{
    private static readonly DateTime Now = new(2026, 1, 12, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Change_Validity_NewGrantsUseIt_AnExistingGrantKeepsItsExpiry()
    {
        var laser = new CertificationDefinition("Laser", null, 12, [], Now);
        var grant = CertificationGrant.Grant(laser, Guid.NewGuid(), Guid.NewGuid(), null, [], Now);

        laser.Change(" Laser safety ", "Goggles on", 6, [], new Dictionary<Guid, Guid[]>());

        Assert.Equal(("Laser safety", "Goggles on", 6), (laser.Name, laser.Description, laser.ValidityMonths));
        Assert.Equal(Now.AddMonths(12), grant.ExpiresAtUtc);
        Assert.Equal(Now.AddMonths(6), laser.ExpiryFor(Now));
    }

    [Fact]
    public void Change_PrerequisiteThatRequiresThisOneThroughAnother_RefusedNothingChanged()
    {
        var basics = new CertificationDefinition("Basics", null, null, [], Now);
        var laser = new CertificationDefinition("Laser", null, null, [basics.Id], Now);
        var advanced = new CertificationDefinition("Advanced laser", null, null, [laser.Id], Now);
        var graph = new[] { basics, laser, advanced }.ToDictionary(d => d.Id, d => d.PrerequisiteIds);

        var error = Assert.Throws<DomainException>(() => basics.Change("Basics", null, 3, [advanced.Id], graph));

        Assert.Contains("cannot require this certification itself", error.Message);
        Assert.Empty(basics.PrerequisiteIds);
        Assert.Null(basics.ValidityMonths);
    }

    [Fact]
    public void Change_ItselfAsPrerequisite_Refused()
    {
        var basics = new CertificationDefinition("Basics", null, null, [], Now);
        Assert.Throws<DomainException>(() => basics.Change("Basics", null, null, [basics.Id], new Dictionary<Guid, Guid[]>()));
    }

    [Fact]
    public void Change_AnUnrelatedPrerequisite_Accepted()
    {
        var basics = new CertificationDefinition("Basics", null, null, [], Now);
        var wood = new CertificationDefinition("Wood", null, null, [basics.Id], Now);
        var laser = new CertificationDefinition("Laser", null, null, [basics.Id], Now);
        var graph = new[] { basics, wood, laser }.ToDictionary(d => d.Id, d => d.PrerequisiteIds);

        laser.Change("Laser", null, null, [basics.Id, wood.Id], graph);

        Assert.Equal([basics.Id, wood.Id], laser.PrerequisiteIds);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(121)]
    public void Change_ValidityOutOfRange_Refused(int months)
    {
        var basics = new CertificationDefinition("Basics", null, 12, [], Now);
        Assert.Throws<DomainException>(() => basics.Change("Basics", null, months, [], new Dictionary<Guid, Guid[]>()));
        Assert.Equal(12, basics.ValidityMonths);
    }
}
