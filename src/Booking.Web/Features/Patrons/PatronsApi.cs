using System.Security.Claims;
using Booking.Domain.Common;
using Booking.Domain.Patrons;
using Booking.Web.Infrastructure;
using Booking.Workflows.Patrons;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Booking.Web.Features.Patrons;

/// <summary>The body of <c>POST /api/v1/patrons</c>: a name, a library card number, an e-mail address only if the patron has one.</summary>
public sealed record NewPatronInput(string? DisplayName, string? CardNumber, string? Email);

/// <summary>A patron account staff created; the card in full, as only staff call this.</summary>
public sealed record CreatedPatronView(Guid Id, string DisplayName, string CardNumber, string? Email);

/// <summary>Staff create patron accounts for people without e-mail (identified by their library card).</summary>
public static class PatronsApi
{
    public static IEndpointRouteBuilder MapPatronsApi(this IEndpointRouteBuilder api)
    {
        api.MapGroup("/patrons").WithTags("Patrons").RequireAuthorization(MakerspaceApp.StaffPolicy)
            .MapPost("/", Create);
        return api;
    }

    private static async Task<Results<Created<CreatedPatronView>, ValidationProblem, ProblemHttpResult>> Create(
        NewPatronInput? input, ClaimsPrincipal user, PatronEnrolment enrolment, CancellationToken ct)
    {
        var (patron, problems) = NewPatron.Read(input?.DisplayName, input?.CardNumber, input?.Email);
        if (patron is null)
        {
            return Problems.Validation(problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
        }

        try
        {
            var account = await enrolment.CreateAsync(user.UserId(), patron, ct);
            return TypedResults.Created($"/desk/patrons/{account.Id}", new CreatedPatronView(account.Id, patron.DisplayName, patron.CardNumber, patron.Email));
        }
        catch (DomainException e)
        {
            return Problems.Of(e);
        }
    }
}
