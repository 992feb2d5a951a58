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
        var valid = await ResourceSetup.ReadAsync(errors, input, db, ct);
        if (valid is null)
        {
            return errors.ToProblem();
        }

        var resource = valid.Create();
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
        var valid = await ResourceSetup.ReadAsync(errors, input, db, ct);
        if (valid is null)
        {
            return errors.ToProblem();
        }

        valid.ApplyTo(resource);
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
        var reason = errors.Required("reason", input.Reason, ResourceSetup.OutOfServiceReasonLength);
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
}
