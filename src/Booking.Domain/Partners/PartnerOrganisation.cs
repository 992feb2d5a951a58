using Booking.Domain.Common;

namespace Booking.Domain.Partners;

/// <summary>A community partner (a tech task force, a job-skills agency, ...) that can host sessions.</summary>
public sealed class PartnerOrganisation
{
    private PartnerOrganisation()
    {
    }

    public PartnerOrganisation(string name, string? description, string? offers, string? website, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException(ErrorCodes.Validation, "A partner organisation needs a name.");
        }

        Id = Guid.NewGuid();
        Name = name.Trim();
        Description = description?.Trim() ?? "";
        Offers = offers?.Trim() ?? "";
        Website = string.IsNullOrWhiteSpace(website) ? null : website.Trim();
        CreatedAtUtc = nowUtc;
    }

    /// <summary>Admins correct a partner's details; sessions it hosts keep pointing at it.</summary>
    public void Revise(string name, string? description, string? offers, string? website)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException(ErrorCodes.Validation, "A partner organisation needs a name.");
        }

        Name = name.Trim();
        Description = description?.Trim() ?? "";
        Offers = offers?.Trim() ?? "";
        Website = string.IsNullOrWhiteSpace(website) ? null : website.Trim();
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public string Description { get; private set; } = "";

    /// <summary>What the partner offers patrons, in its own words.</summary>
    public string Offers { get; private set; } = "";

    public string? Website { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>The kinds its staff may book for clients (<see cref="PartnerLimits"/>); none until an admin says.</summary>
    public string[] AllowedKindCodes { get; private set; } = [];

    /// <summary>Hours a client may hold in one local week when the partner books; null: only the patron's own quotas.</summary>
    public int? MaxHoursPerWeek { get; private set; }

    /// <summary>The limits as one rule (a method, so EF maps only the two columns).</summary>
    public PartnerLimits Limits() => new(AllowedKindCodes, MaxHoursPerWeek);

    public void SetLimits(PartnerLimits limits)
    {
        if (PartnerLimits.Problem(limits.MaxHoursPerWeek) is { } problem)
        {
            throw new DomainException(ErrorCodes.Validation, problem);
        }

        AllowedKindCodes = [.. limits.AllowedKinds];
        MaxHoursPerWeek = limits.MaxHoursPerWeek;
    }
}
