using Booking.Domain.Common;

namespace Booking.Domain.Resources;

/// <summary>Something a patron can book: a room, a printer, a laptop, a desk.</summary>
public sealed class Resource
{
    private Resource()
    {
    }

    public Resource(string name, string kindCode, Guid locationId, string? description = null, int capacity = 1)
    {
        Id = Guid.NewGuid();
        KindCode = kindCode;
        LocationId = locationId;
        PolicyOverride = new PolicyOverride();
        Describe(name, description, capacity);
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public string KindCode { get; private set; } = "";

    public Guid LocationId { get; private set; }

    public string Description { get; private set; } = "";

    /// <summary>People it holds (rooms, desk areas); 1 for a tool.</summary>
    public int Capacity { get; private set; }

    public bool IsOutOfService { get; private set; }

    public string? OutOfServiceReason { get; private set; }

    public PolicyOverride PolicyOverride { get; private set; } = new();

    /// <summary>Certifications a patron must hold, valid through a booking's end, to book this resource.</summary>
    public Guid[] RequiredCertificationIds { get; private set; } = [];

    public void Describe(string name, string? description, int capacity)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException(ErrorCodes.Validation, "A resource needs a name.");
        }

        if (capacity is < 1 or > 1000)
        {
            throw new DomainException(ErrorCodes.Validation, "Capacity must be 1 to 1000.");
        }

        Name = name.Trim();
        Description = description?.Trim() ?? "";
        Capacity = capacity;
    }

    public void MoveTo(Guid locationId, string kindCode)
    {
        LocationId = locationId;
        KindCode = kindCode;
    }

    public void RequireCertifications(IEnumerable<Guid> certificationIds) => RequiredCertificationIds = certificationIds.Distinct().ToArray();

    public void OverridePolicy(PolicyOverride policyOverride) => PolicyOverride = policyOverride;

    public BookingPolicy EffectivePolicy(BookingPolicy kindPolicy) => PolicyOverride.ApplyTo(kindPolicy);

    public void TakeOutOfService(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException(ErrorCodes.Validation, "Say why the resource is out of service; patrons see the reason.");
        }

        IsOutOfService = true;
        OutOfServiceReason = reason.Trim();
    }

    public void ReturnToService()
    {
        IsOutOfService = false;
        OutOfServiceReason = null;
    }
}
