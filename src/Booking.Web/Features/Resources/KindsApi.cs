using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Resources;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Resources;

/// <summary>A kind of resource with the policy its resources follow unless they override it.</summary>
public sealed record KindView(string Code, string Name, BookingPolicy Policy)
{
    public static KindView From(ResourceKind k) => new(k.Code, k.Name, k.DefaultPolicy);
}

/// <summary>A new kind; without a policy it starts with the general default policy.</summary>
public sealed record NewKindInput(string? Code, string? Name, PolicyInput? Policy);

/// <summary>Kinds of resources: anyone may list them, admins add kinds and change their default policy.</summary>
public static class KindsApi
{
    private const int NameLength = 100;

    public static IEndpointRouteBuilder MapKindsApi(this IEndpointRouteBuilder api)
    {
        var kinds = api.MapGroup("/kinds").WithTags("Kinds");
        kinds.MapGet("/", List);
        kinds.MapGet("/{code}", Get);
        kinds.MapPost("/", Create).RequireAuthorization(MakerspaceApp.AdminPolicy);
        kinds.MapPut("/{code}/policy", ChangePolicy).RequireAuthorization(MakerspaceApp.AdminPolicy);
        return api;
    }

    private static async Task<Ok<List<KindView>>> List(BookingDbContext db, CancellationToken ct)
    {
        var kinds = await db.ResourceKinds.AsNoTracking().OrderBy(k => k.Code).ToListAsync(ct);
        return TypedResults.Ok(kinds.Select(KindView.From).ToList());
    }

    private static async Task<Results<Ok<KindView>, ProblemHttpResult>> Get(string code, BookingDbContext db, CancellationToken ct)
    {
        var kind = await db.ResourceKinds.AsNoTracking().FirstOrDefaultAsync(k => k.Code == code, ct);
        return kind is null ? Problems.NotFound("kind") : TypedResults.Ok(KindView.From(kind));
    }

    private static async Task<Results<Created<KindView>, ValidationProblem, ProblemHttpResult>> Create(NewKindInput input, BookingDbContext db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var code = errors.Required("code", input.Code, 40);
        var name = errors.Required("name", input.Name, NameLength);
        var policy = input.Policy is null ? new BookingPolicy() : input.Policy.Read(errors, "policy");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        ResourceKind? kind = null;
        if (!errors.Try("code", () => kind = new ResourceKind(code!, name!, policy!)))
        {
            return errors.ToProblem();
        }

        if (await db.ResourceKinds.AnyAsync(k => k.Code == code, ct))
        {
            return AlreadyExists(code!);
        }

        db.ResourceKinds.Add(kind!);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another admin added the same code a moment ago.
            db.ChangeTracker.Clear();
            if (await db.ResourceKinds.AnyAsync(k => k.Code == code, ct))
            {
                return AlreadyExists(code!);
            }

            throw;
        }

        return TypedResults.Created($"/api/v1/kinds/{kind!.Code}", KindView.From(kind));
    }

    private static async Task<Results<Ok<KindView>, ValidationProblem, ProblemHttpResult>> ChangePolicy(
        string code, PolicyInput input, BookingDbContext db, CancellationToken ct)
    {
        var kind = await db.ResourceKinds.FirstOrDefaultAsync(k => k.Code == code, ct);
        if (kind is null)
        {
            return Problems.NotFound("kind");
        }

        var errors = new FieldErrors();
        var policy = input.Read(errors, "");
        if (policy is null)
        {
            return errors.ToProblem();
        }

        if (await KindPolicies.UnusableOverrideAsync(db, code, policy, ct) is { } problem)
        {
            return Problems.Validation("policy", problem);
        }

        kind.ChangePolicy(policy);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(KindView.From(kind));
    }

    private static ProblemHttpResult AlreadyExists(string code) =>
        Problems.Of(ErrorCodes.Conflict, $"A kind with code '{code}' already exists.");
}
