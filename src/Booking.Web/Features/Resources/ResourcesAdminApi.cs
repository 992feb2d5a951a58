using Booking.Data;
using Booking.Domain.Resources;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Resources;

/// <summary>
/// A resource as an admin sets it up. A PUT replaces every field: a left-out description, capacity
/// or policy goes back to empty, 1 and no override, and left-out required certifications to none.
/// </summary>
public sealed record ResourceInput(string? Name, string? Kind, Guid? LocationId, string? Description, int? Capacity, PolicyOverride? Policy, Guid[]? RequiredCertificationIds = null);

public sealed record OutOfServiceInput(string? Reason);

/// <summary>Admins add and change resources; staff take them out of service and back.</summary>
public static class ResourcesAdminApi
{
    private const int NameLength = 200;
    private const int DescriptionLength = 2000;
    private const int ReasonLength = 500;

    public static IEndpointRouteBuilder MapResourcesAdminApi(this IEndpointRouteBuilder api)
    {
        var resources = api.MapGroup("/resources").WithTags("Resources");
        resources.MapPost("/", Create).RequireAuthorization(MakerspaceApp.AdminPolicy);
        resources.MapPut("/{id:guid}", Update).RequireAuthorization(MakerspaceApp.AdminPolicy);
        resources.MapPost("/{id:guid}/out-of-service", TakeOutOfService).RequireAuthorization(MakerspaceApp.StaffPolicy);
        resources.MapPost("/{id:guid}/return-to-service", ReturnToService).RequireAuthorization(MakerspaceApp.StaffPolicy);
        return api;
    }

    private static async Task<Results<Created<ResourceView>, ValidationProblem>> Create(ResourceInput input, BookingDbContext db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var valid = await ReadAsync(errors, input, db, ct);
        if (valid is null)
        {
            return errors.ToProblem();
        }

        var resource = new Resource(valid.Name, valid.Kind, valid.LocationId, valid.Description, valid.Capacity);
        resource.OverridePolicy(valid.Policy);
        resource.RequireCertifications(valid.RequiredCertificationIds);
        db.Resources.Add(resource);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/resources/{resource.Id}", await ViewAsync(db, resource.Id, ct));
    }

    private static async Task<Results<Ok<ResourceView>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, ResourceInput input, BookingDbContext db, CancellationToken ct)
    {
        var resource = await db.Resources.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (resource is null)
        {
            return Problems.NotFound("resource");
        }

        var errors = new FieldErrors();
        var valid = await ReadAsync(errors, input, db, ct);
        if (valid is null)
        {
            return errors.ToProblem();
        }

        resource.Describe(valid.Name, valid.Description, valid.Capacity);
        resource.MoveTo(valid.LocationId, valid.Kind);
        resource.OverridePolicy(valid.Policy);
        resource.RequireCertifications(valid.RequiredCertificationIds);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ViewAsync(db, id, ct));
    }

    private static async Task<Results<Ok<ResourceView>, ValidationProblem, ProblemHttpResult>> TakeOutOfService(
        Guid id, OutOfServiceInput input, BookingDbContext db, CancellationToken ct)
    {
        var resource = await db.Resources.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (resource is null)
        {
            return Problems.NotFound("resource");
        }

        var errors = new FieldErrors();
        var reason = errors.Required("reason", input.Reason, ReasonLength);
        if (reason is null)
        {
            return errors.ToProblem();
        }

        resource.TakeOutOfService(reason);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ViewAsync(db, id, ct));
    }

    private static async Task<Results<Ok<ResourceView>, ProblemHttpResult>> ReturnToService(Guid id, BookingDbContext db, CancellationToken ct)
    {
        var resource = await db.Resources.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (resource is null)
        {
            return Problems.NotFound("resource");
        }

        resource.ReturnToService();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ViewAsync(db, id, ct));
    }

    private static async Task<ResourceView> ViewAsync(BookingDbContext db, Guid id, CancellationToken ct) =>
        ResourceQueries.ToView(await ResourceQueries.Views(db).FirstAsync(r => r.Resource.Id == id, ct));

    private sealed record ValidResource(string Name, string Kind, Guid LocationId, string? Description, int Capacity, PolicyOverride Policy, Guid[] RequiredCertificationIds);

    /// <summary>Checks every field (an unknown kind or location is a bad field, not a missing page); null when something is wrong.</summary>
    private static async Task<ValidResource?> ReadAsync(FieldErrors errors, ResourceInput input, BookingDbContext db, CancellationToken ct)
    {
        var name = errors.Required("name", input.Name, NameLength);
        var description = errors.Optional("description", input.Description, DescriptionLength);
        var capacity = input.Capacity ?? 1;
        if (capacity is < 1 or > 1000)
        {
            errors.Add("capacity", "capacity must be 1 to 1000.");
        }

        ResourceKind? kind = null;
        if (string.IsNullOrWhiteSpace(input.Kind))
        {
            errors.Add("kind", $"kind is required. Allowed kinds: {await ResourceQueries.AllowedKindsAsync(db, ct)}.");
        }
        else
        {
            kind = await db.ResourceKinds.AsNoTracking().FirstOrDefaultAsync(k => k.Code == input.Kind, ct);
            if (kind is null)
            {
                errors.Add("kind", $"Unknown kind '{input.Kind}'. Allowed kinds: {await ResourceQueries.AllowedKindsAsync(db, ct)}.");
            }
        }

        if (input.LocationId is not { } locationId || locationId == Guid.Empty)
        {
            errors.Add("locationId", "locationId is required: the id of a branch (GET /api/v1/locations).");
        }
        else if (!await db.Locations.AnyAsync(l => l.Id == locationId, ct))
        {
            errors.Add("locationId", $"There is no location with id {locationId}.");
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
            errors.Add("requiredCertificationIds", $"There is no certification with id {unknown} (GET /api/v1/certifications).");
        }

        return errors.Any ? null : new ValidResource(name!, kind!.Code, input.LocationId!.Value, description, capacity, policy, required);
    }

}
