using Booking.Data;
using Booking.Domain.Resources;
using Booking.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Resources;

/// <summary>The checks behind adding or changing a resource, shared by the admin API and the admin pages.</summary>
public static class ResourceSetup
{
    public const int NameLength = 200;
    public const int DescriptionLength = 2000;

    /// <summary>The most people a resource holds.</summary>
    public const int MaxCapacity = 1000;

    /// <summary>Why a resource is out of service (patrons whose reservations are cancelled are told).</summary>
    public const int OutOfServiceReasonLength = 500;

    /// <summary>A resource's fields, each checked.</summary>
    public sealed record ValidResource(string Name, string Kind, Guid LocationId, string? Description, int Capacity, PolicyOverride Policy, Guid[] RequiredCertificationIds)
    {
        public Resource Create()
        {
            var resource = new Resource(Name, Kind, LocationId, Description, Capacity);
            resource.OverridePolicy(Policy);
            resource.RequireCertifications(RequiredCertificationIds);
            return resource;
        }

        public void ApplyTo(Resource resource)
        {
            resource.Describe(Name, Description, Capacity);
            resource.MoveTo(LocationId, Kind);
            resource.OverridePolicy(Policy);
            resource.RequireCertifications(RequiredCertificationIds);
        }
    }

    /// <summary>Checks every field (an unknown kind or location is a bad field, not a missing page); null when something is wrong.</summary>
    public static async Task<ValidResource?> ReadAsync(FieldErrors errors, ResourceInput input, BookingDbContext db, CancellationToken ct)
    {
        var name = errors.Required("name", input.Name, NameLength);
        var description = errors.Optional("description", input.Description, DescriptionLength);
        var capacity = input.Capacity ?? 1;
        if (capacity is < 1 or > MaxCapacity)
        {
            errors.Add("capacity", "capacity must be 1 to {0}.", MaxCapacity);
        }

        ResourceKind? kind = null;
        if (string.IsNullOrWhiteSpace(input.Kind))
        {
            errors.Add("kind", "kind is required. Allowed kinds: {0}.", await ResourceQueries.AllowedKindsAsync(db, ct));
        }
        else
        {
            kind = await db.ResourceKinds.AsNoTracking().FirstOrDefaultAsync(k => k.Code == input.Kind, ct);
            if (kind is null)
            {
                errors.Add("kind", "Unknown kind '{0}'. Allowed kinds: {1}.", input.Kind, await ResourceQueries.AllowedKindsAsync(db, ct));
            }
        }

        if (input.LocationId is not { } locationId || locationId == Guid.Empty)
        {
            errors.Add("locationId", "locationId is required: the id of a branch (GET /api/v1/locations).");
        }
        else if (!await db.Locations.AnyAsync(l => l.Id == locationId, ct))
        {
            errors.Add("locationId", "There is no location with id {0}.", locationId);
        }

        var policy = input.Policy ?? new PolicyOverride();
        if (kind is not null)
        {
            errors.Try("policy", () => UsablePolicy.Checked(policy.ApplyTo(kind.DefaultPolicy)));
        }

        var required = (input.RequiredCertificationIds ?? []).Distinct().ToArray();
        var known = await db.Certifications.Where(c => required.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        foreach (var unknown in required.Except(known))
        {
            errors.Add("requiredCertificationIds", "There is no certification with id {0} (GET /api/v1/certifications).", unknown);
        }

        return errors.Any ? null : new ValidResource(name!, kind!.Code, input.LocationId!.Value, description, capacity, policy, required);
    }
}
