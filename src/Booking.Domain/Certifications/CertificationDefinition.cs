using Booking.Domain.Common;

namespace Booking.Domain.Certifications;

/// <summary>What staff certify a patron on (e.g. "Laser cutter safety"): how long a grant lasts and what must be held first.</summary>
public sealed class CertificationDefinition
{
    public const int MaxValidityMonths = 120;

    private CertificationDefinition()
    {
    }

    public CertificationDefinition(string name, string? description, int? validityMonths, IEnumerable<Guid>? prerequisiteIds, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException(ErrorCodes.Validation, "A certification needs a name.");
        }

        if (validityMonths is < 1 or > MaxValidityMonths)
        {
            throw new DomainException(ErrorCodes.Validation, $"Validity is 1 to {MaxValidityMonths} months, or none for a certification that does not expire.");
        }

        Id = Guid.NewGuid();
        Name = name.Trim();
        Description = description?.Trim() ?? "";
        ValidityMonths = validityMonths;
        PrerequisiteIds = (prerequisiteIds ?? []).Distinct().ToArray();
        CreatedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public string Description { get; private set; } = "";

    /// <summary>Months a grant lasts by default; null when it does not expire.</summary>
    public int? ValidityMonths { get; private set; }

    /// <summary>Certifications a patron must hold (valid) before this one can be granted.</summary>
    public Guid[] PrerequisiteIds { get; private set; } = [];

    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>The default expiry of a grant made at <paramref name="grantedAtUtc"/>.</summary>
    public DateTime? ExpiryFor(DateTime grantedAtUtc) => ValidityMonths is { } months ? grantedAtUtc.AddMonths(months) : null;
}
