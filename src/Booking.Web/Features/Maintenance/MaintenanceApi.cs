using System.Security.Claims;
using Booking.Data;
using Booking.Domain.Common;
using Booking.Web.Features.Reservations;
using Booking.Web.Infrastructure;
using Booking.Workflows.Maintenance;
using Booking.Workflows.Reservations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Maintenance;

/// <summary>The body of a maintenance block.</summary>
public sealed record BlockBody(DateTimeOffset? Start, DateTimeOffset? End, string? Reason);

/// <summary>A maintenance block as the API shows it.</summary>
public sealed record MaintenanceView(Guid Id, Guid ResourceId, DateTimeOffset Start, DateTimeOffset End, string Reason, bool Lifted);

/// <summary>The answer to a new block: the block and what it did to existing reservations.</summary>
public sealed record MaintenanceResultView(MaintenanceView Block, IReadOnlyList<Guid> CancelledReservationIds, IReadOnlyList<Guid> CheckedInLeftAlone);

public static class MaintenanceApi
{
    /// <summary>The longest maintenance block, in days (a year, a leap year too); longer is out of service, not maintenance.</summary>
    public const int LongestBlockDays = 366;

    public static IEndpointRouteBuilder MapMaintenanceApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/resources/{resourceId:guid}/maintenance").WithTags("Maintenance");
        group.MapGet("/", List);
        group.MapPost("/", Block).RequireAuthorization(MakerspaceApp.StaffPolicy);
        group.MapPost("/{blockId:guid}/lift", Lift).RequireAuthorization(MakerspaceApp.StaffPolicy);
        return api;
    }

    private static async Task<Results<Ok<List<MaintenanceView>>, ProblemHttpResult>> List(Guid resourceId, BookingDbContext db, CancellationToken ct)
    {
        var subject = await BookingSubject.LoadAsync(db, resourceId, ct);
        if (subject is null)
        {
            return Problems.NotFound("resource");
        }

        var blocks = await db.MaintenanceBlocks.AsNoTracking().Where(b => b.ResourceId == resourceId).OrderBy(b => b.StartsAtUtc).ToListAsync(ct);
        return TypedResults.Ok(blocks.Select(b => View(b, subject.Location.TimeZone)).ToList());
    }

    private static async Task<Results<Created<MaintenanceResultView>, ProblemHttpResult, ValidationProblem>> Block(
        Guid resourceId, BlockBody? body, ClaimsPrincipal user, MaintenanceBlocking blocking, BookingDbContext db, CancellationToken ct)
    {
        var checks = new FieldErrors();
        var start = checks.Required(body?.Start, "start", "Give the start. " + Instants.Hint);
        var end = checks.Required(body?.End, "end", "Give the end. " + Instants.Hint);
        var reason = checks.Required(body?.Reason, "reason", "Say why; patrons whose reservations are cancelled are told.");
        if (checks.IsValid && end <= start)
        {
            checks.Add("end", "The end must be after the start.");
        }

        if (checks.IsValid && end - start > TimeSpan.FromDays(LongestBlockDays))
        {
            checks.Add("end", "A maintenance block is at most a year; take the resource out of service instead.");
        }

        if (!checks.IsValid)
        {
            return checks.ToProblem();
        }

        var outcome = await blocking.BlockAsync(user.UserId(), resourceId, new UtcInterval(start.UtcDateTime, end.UtcDateTime), reason, ct);
        var zone = (await BookingSubject.LoadAsync(db, resourceId, ct))!.Location.TimeZone;
        return TypedResults.Created($"/api/v1/resources/{resourceId}/maintenance/{outcome.Block.Id}",
            new MaintenanceResultView(View(outcome.Block, zone), outcome.Cancelled, outcome.CheckedInLeftAlone));
    }

    private static async Task<Ok<MaintenanceView>> Lift(Guid resourceId, Guid blockId, ClaimsPrincipal user, MaintenanceBlocking blocking, BookingDbContext db, CancellationToken ct)
    {
        var block = await blocking.LiftAsync(user.UserId(), resourceId, blockId, ct);
        var zone = (await BookingSubject.LoadAsync(db, resourceId, ct))!.Location.TimeZone;
        return TypedResults.Ok(View(block, zone));
    }

    private static MaintenanceView View(Domain.Reservations.MaintenanceBlock b, TimeZoneInfo zone) =>
        new(b.Id, b.ResourceId, ReservationQueries.Local(b.StartsAtUtc, zone), ReservationQueries.Local(b.EndsAtUtc, zone), b.Reason, b.IsLifted);
}
