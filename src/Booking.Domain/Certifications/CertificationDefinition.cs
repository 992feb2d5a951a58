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
            throw new DomainException(ErrorCodes.Validation, "Validity is 1 to {0} months, or none for a certification that does not expire.", MaxValidityMonths);
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

    /// <summary>
    /// Changes the definition. Grants already given keep their own expiry date and stay valid: a new validity
    /// applies to grants made from now on, new prerequisites are checked at the next grant. Prerequisites may not
    /// lead back to this certification (<paramref name="prerequisitesOf"/> holds every other definition's).
    /// </summary>
    public void Change(string name, string? description, int? validityMonths, IEnumerable<Guid> prerequisiteIds, IReadOnlyDictionary<Guid, Guid[]> prerequisitesOf)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException(ErrorCodes.Validation, "A certification needs a name.");
        }

        if (validityMonths is < 1 or > MaxValidityMonths)
        {
            throw new DomainException(ErrorCodes.Validation, "Validity is 1 to {0} months, or none for a certification that does not expire.", MaxValidityMonths);
        }

        var prerequisites = prerequisiteIds.Distinct().ToArray();
        if (LeadsBackTo(Id, prerequisites, prerequisitesOf))
        {
            throw new DomainException(ErrorCodes.Validation, "A prerequisite cannot require this certification itself, directly or through others.");
        }

        Name = name.Trim();
        Description = description?.Trim() ?? "";
        ValidityMonths = validityMonths;
        PrerequisiteIds = prerequisites;
    }

    /// <summary>True when following prerequisites from <paramref name="start"/> reaches <paramref name="id"/> (a cycle if <paramref name="id"/> required them).</summary>
    public static bool LeadsBackTo(Guid id, IEnumerable<Guid> start, IReadOnlyDictionary<Guid, Guid[]> prerequisitesOf)
    {
        var seen = new HashSet<Guid>();
        var next = new Stack<Guid>(start);
        while (next.TryPop(out var current))
        {
            if (current == id)
            {
                return true;
            }

            if (seen.Add(current) && prerequisitesOf.TryGetValue(current, out var further))
            {
                foreach (var p in further)
                {
                    next.Push(p);
                }
            }
        }

        return false;
    }

    /// <summary>The default expiry of a grant made at <paramref name="grantedAtUtc"/>.</summary>
    public DateTime? ExpiryFor(DateTime grantedAtUtc) => ValidityMonths is { } months ? grantedAtUtc.AddMonths(months) : null;
}
