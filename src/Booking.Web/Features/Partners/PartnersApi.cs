using Booking.Data;
using Booking.Domain.Partners;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Partners;

/// <summary>The body of <c>POST /api/v1/partners</c>.</summary>
public sealed record PartnerInput(string? Name, string? Description, string? Offers, string? Website);

public sealed record PartnerView(Guid Id, string Name, string Description, string Offers, string? Website);

/// <summary>Community partner organisations that host sessions: anyone lists them, admins add them.</summary>
public static class PartnersApi
{
    public static IEndpointRouteBuilder MapPartnersApi(this IEndpointRouteBuilder api)
    {
        var partners = api.MapGroup("/partners").WithTags("Partners");
        partners.MapGet("/", List);
        partners.MapPost("/", Create).RequireAuthorization(MakerspaceApp.AdminPolicy);
        return api;
    }

    private static async Task<Ok<List<PartnerView>>> List(BookingDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Partners.AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new PartnerView(p.Id, p.Name, p.Description, p.Offers, p.Website)).ToListAsync(ct));

    private static async Task<Results<Created<PartnerView>, ValidationProblem>> Create(PartnerInput input, BookingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var name = errors.Required("name", input.Name, 200);
        var description = errors.Optional("description", input.Description, 2000);
        var offers = errors.Optional("offers", input.Offers, 2000);
        var website = errors.Optional("website", input.Website, 400);
        if (name is not null && await db.Partners.AnyAsync(p => p.Name == name, ct))
        {
            errors.Add("name", "A partner named '{0}' already exists.", name);
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var partner = new PartnerOrganisation(name!, description, offers, website, clock.GetUtcNow().UtcDateTime);
        db.Partners.Add(partner);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/partners/{partner.Id}", new PartnerView(partner.Id, partner.Name, partner.Description, partner.Offers, partner.Website));
    }
}
