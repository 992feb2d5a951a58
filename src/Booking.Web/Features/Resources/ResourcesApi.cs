using Booking.Data;
using Booking.Domain.Resources;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Resources;

/// <summary>A resource as the API shows it, with the policy that applies to it.</summary>
public sealed record ResourceView(
    Guid Id, string Name, string Kind, string KindName, Guid LocationId, string LocationName, string Description,
    int Capacity, string Status, string? OutOfServiceReason, BookingPolicy Policy, IReadOnlyList<Guid> RequiredCertificationIds);

public static class ResourcesApi
{
    public static IEndpointRouteBuilder MapResourcesApi(this IEndpointRouteBuilder api)
    {
        var resources = api.MapGroup("/resources").WithTags("Resources");
        resources.MapGet("/", List);
        resources.MapGet("/{id:guid}", Get);
        return api;
    }

    private static async Task<Results<Ok<List<ResourceView>>, ValidationProblem>> List(
        string? kind, Guid? locationId, BookingDbContext db, CancellationToken ct)
    {
        if (await ResourceQueries.UnknownKindAsync(db, kind, ct) is { } unknown)
        {
            return Problems.Validation("kind", unknown);
        }

        var query = ResourceQueries.Views(db);
        if (!string.IsNullOrEmpty(kind))
        {
            query = query.Where(r => r.Resource.KindCode == kind);
        }

        if (locationId is { } location)
        {
            query = query.Where(r => r.Resource.LocationId == location);
        }

        var rows = await query.OrderBy(r => r.Resource.KindCode).ThenBy(r => r.Resource.Name).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(ResourceQueries.ToView).ToList());
    }

    private static async Task<Results<Ok<ResourceView>, ProblemHttpResult>> Get(Guid id, BookingDbContext db, CancellationToken ct)
    {
        var row = await ResourceQueries.Views(db).FirstOrDefaultAsync(r => r.Resource.Id == id, ct);
        return row is null ? Problems.NotFound("resource") : TypedResults.Ok(ResourceQueries.ToView(row));
    }
}
