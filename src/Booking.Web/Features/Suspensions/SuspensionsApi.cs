using System.Security.Claims;
using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Web.Infrastructure;
using Booking.Workflows.Suspensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Suspensions;

/// <summary>A no-show suspension as the API shows it.</summary>
public sealed record SuspensionView(Guid Id, Guid PatronId, string Kind, DateTimeOffset Starts, DateTimeOffset Ends, string Reason, bool InForce, DateTimeOffset? LiftedAt);

/// <summary>No-show suspensions: a patron sees their own; staff see anyone's and can lift one.</summary>
public static class SuspensionsApi
{
    public static IEndpointRouteBuilder MapSuspensionsApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/patrons/me/suspensions", (ClaimsPrincipal user, BookingDbContext db, TimeProvider clock, CancellationToken ct) =>
            ListAsync(db, clock, user.UserId(), ct)).RequireAuthorization().WithTags("Suspensions");
        api.MapGet("/patrons/{patronId:guid}/suspensions", (Guid patronId, BookingDbContext db, TimeProvider clock, CancellationToken ct) =>
            ListAsync(db, clock, patronId, ct)).RequireAuthorization(MakerspaceApp.StaffPolicy).WithTags("Suspensions");
        api.MapPost("/suspensions/{id:guid}/lift", LiftAsync).RequireAuthorization(MakerspaceApp.StaffPolicy).WithTags("Suspensions");
        return api;
    }

    private static async Task<Ok<List<SuspensionView>>> ListAsync(BookingDbContext db, TimeProvider clock, Guid patronId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.BookingSuspensions.AsNoTracking().Where(s => s.PatronId == patronId).OrderByDescending(s => s.StartsAtUtc).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(s => View(s, now)).ToList());
    }

    private static async Task<Results<Ok<SuspensionView>, ProblemHttpResult>> LiftAsync(
        Guid id, ClaimsPrincipal user, SuspensionLifting lifting, TimeProvider clock, CancellationToken ct)
    {
        try
        {
            var suspension = await lifting.LiftAsync(user.UserId(), id, ct);
            return TypedResults.Ok(View(suspension, clock.GetUtcNow().UtcDateTime));
        }
        catch (DomainException e) when (e.Code == ErrorCodes.NotFound)
        {
            return Problems.NotFound("suspension");
        }
        catch (DomainException e)
        {
            return Problems.Of(e);
        }
    }

    private static SuspensionView View(BookingSuspension s, DateTime now) => new(
        s.Id, s.PatronId, s.KindCode, Utc(s.StartsAtUtc), Utc(s.EndsAtUtc), s.Reason, s.IsInForce(now), s.LiftedAtUtc is { } lifted ? Utc(lifted) : null);

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
