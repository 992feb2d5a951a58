using Booking.Data;
using Booking.Domain.Audit;
using Booking.Domain.Certifications;
using Booking.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Certifications;

/// <summary>Defines and changes certifications (checked, audited), for the admin API and the admin pages.</summary>
public static class CertificationDefining
{
    public const int NameLength = 200;

    public const int DescriptionLength = 2000;

    /// <summary>The new definition, saved; or null with the reasons in <paramref name="errors"/> and nothing written.</summary>
    public static async Task<CertificationDefinition?> DefineAsync(
        BookingDbContext db, FieldErrors errors, CertificationInput input, Guid actorId, DateTime now, CancellationToken ct)
    {
        var name = errors.Required("name", input.Name, NameLength);
        var description = errors.Optional("description", input.Description, DescriptionLength);
        if (input.ValidityMonths is < 1 or > CertificationDefinition.MaxValidityMonths)
        {
            errors.Add("validityMonths", "validityMonths is 1 to {0}, or left out for no expiry.", CertificationDefinition.MaxValidityMonths);
        }

        var prerequisites = (input.PrerequisiteIds ?? []).Distinct().ToArray();
        var known = await db.Certifications.Where(c => prerequisites.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        foreach (var unknown in prerequisites.Except(known))
        {
            errors.Add("prerequisiteIds", "There is no certification with id {0}.", unknown);
        }

        if (name is not null && await db.Certifications.AnyAsync(c => c.Name == name, ct))
        {
            errors.Add("name", "A certification named '{0}' already exists.", name);
        }

        if (errors.Any)
        {
            return null;
        }

        var definition = new CertificationDefinition(name!, description, input.ValidityMonths, prerequisites, now);
        db.Certifications.Add(definition);
        db.AuditLog.Add(new AuditEntry(actorId, "certification.define", $"certification:{definition.Id}", $"Defined {definition.Name}.", now));
        await db.SaveChangesAsync(ct);
        return definition;
    }

    /// <summary>Changes a definition and saves; false with the reasons in <paramref name="errors"/> and nothing written.</summary>
    public static async Task<bool> ChangeAsync(
        BookingDbContext db, FieldErrors errors, CertificationDefinition definition, CertificationInput input, Guid actorId, DateTime now, CancellationToken ct)
    {
        var name = errors.Required("name", input.Name, NameLength);
        var description = errors.Optional("description", input.Description, DescriptionLength);
        if (input.ValidityMonths is < 1 or > CertificationDefinition.MaxValidityMonths)
        {
            errors.Add("validityMonths", "validityMonths is 1 to {0}, or left out for no expiry.", CertificationDefinition.MaxValidityMonths);
        }

        var prerequisites = (input.PrerequisiteIds ?? []).Distinct().ToArray();
        // Few definitions exist: the whole prerequisite graph is read to check for a cycle.
        var graph = await db.Certifications.AsNoTracking().Where(c => c.Id != definition.Id)
            .Select(c => new { c.Id, c.PrerequisiteIds }).ToDictionaryAsync(c => c.Id, c => c.PrerequisiteIds, ct);
        foreach (var unknown in prerequisites.Where(p => p != definition.Id && !graph.ContainsKey(p)))
        {
            errors.Add("prerequisiteIds", "There is no certification with id {0}.", unknown);
        }

        if (name is not null && await db.Certifications.AnyAsync(c => c.Name == name && c.Id != definition.Id, ct))
        {
            errors.Add("name", "A certification named '{0}' already exists.", name);
        }

        if (errors.Any)
        {
            return false;
        }

        var before = Describe(definition);
        if (!errors.Try("prerequisiteIds", () => definition.Change(name!, description, input.ValidityMonths, prerequisites, graph)))
        {
            return false;
        }

        db.AuditLog.Add(new AuditEntry(actorId, "certification.change", $"certification:{definition.Id}",
            $"Changed {before} to {Describe(definition)}.", now));
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static string Describe(CertificationDefinition d) =>
        $"'{d.Name}' ({(d.ValidityMonths is { } m ? $"{m} months" : "no expiry")}, {d.PrerequisiteIds.Length} prerequisites)";
}
