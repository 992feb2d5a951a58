using System.Security.Claims;
using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Web.Infrastructure;
using Booking.Workflows.Reservations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Booking.Web.Features.Reservations;

/// <summary>
/// The body of <c>POST /api/v1/reservations/series</c>: local first date and times at the resource's branch, a repeat
/// (<c>weekly</c> on the first date's weekday, <c>weekdays</c>, <c>daily</c>), and a count or a last date (or both).
/// </summary>
public sealed record SeriesBody(
    Guid? ResourceId, Guid? PatronId, DateOnly? FirstDate, TimeOnly? StartTime, TimeOnly? EndTime, string? Repeat, int? Count, DateOnly? Until, string? Notes);

/// <summary>The body of <c>POST /api/v1/reservations/series/{id}/cancel</c>: from when (default now), and why (staff).</summary>
public sealed record SeriesCancelBody(DateTimeOffset? From, string? Reason);

/// <summary>What "cancel the rest" did: the reservations cancelled, and the series as it now stands.</summary>
public sealed record SeriesCancelled(IReadOnlyList<Guid> Cancelled, SeriesView Series);

/// <summary>Recurring reservations: staff book a series in one step; the patron and staff read it and cancel the rest.</summary>
public static class SeriesApi
{
    public static RouteGroupBuilder MapSeriesApi(this RouteGroupBuilder reservations)
    {
        reservations.MapPost("/series", Book).RequireAuthorization(MakerspaceApp.StaffPolicy);
        reservations.MapGet("/series/{id:guid}", Get);
        reservations.MapPost("/series/{id:guid}/cancel", Cancel);
        return reservations;
    }

    /// <summary>Reads the body into a plan, or says what is wrong with each field; shared with the desk page.</summary>
    public static SeriesPlan? Plan(SeriesBody? body, FieldErrors checks)
    {
        var firstDate = checks.Required(body?.FirstDate, "firstDate", "Give the first date (yyyy-MM-dd).");
        var startTime = checks.Required(body?.StartTime, "startTime", "Give the start time (HH:mm), local to the branch.");
        var endTime = checks.Required(body?.EndTime, "endTime", "Give the end time (HH:mm), local to the branch.");
        SeriesRepeat? repeat = body?.Repeat?.Trim().ToLowerInvariant() switch
        {
            "weekly" => SeriesRepeat.Weekly,
            "weekdays" => SeriesRepeat.Weekdays,
            "daily" => SeriesRepeat.Daily,
            _ => null,
        };
        if (repeat is null)
        {
            checks.Add("repeat", "Say how it repeats: weekly, weekdays or daily.");
        }

        if (body?.FirstDate is { } first && !Instants.InWindow(first))
        {
            checks.Add("firstDate", Instants.OutsideWindow);
        }

        if (body?.Until is { } until && !Instants.InWindow(until))
        {
            checks.Add("until", Instants.OutsideWindow);
        }

        if (body?.Notes is { Length: > Reservation.MaxNotesLength })
        {
            checks.Add("notes", "Notes are at most {0} characters.", Reservation.MaxNotesLength);
        }

        if (!checks.IsValid)
        {
            return null;
        }

        var plan = new SeriesPlan(repeat!.Value, firstDate, startTime, endTime, body!.Count, body.Until);
        foreach (var (field, message) in plan.Problems())
        {
            checks.Add(field, message);
        }

        return checks.IsValid ? plan : null;
    }

    private static async Task<Results<Created<SeriesView>, ProblemHttpResult, ValidationProblem>> Book(
        SeriesBody? body, ClaimsPrincipal user, BookSeries series, BookingDbContext db, CancellationToken ct)
    {
        var checks = new FieldErrors();
        var resourceId = checks.Required(body?.ResourceId, "resourceId", "Say which resource to book.");
        var plan = Plan(body, checks);
        if (plan is null)
        {
            return checks.ToProblem();
        }

        var outcome = await series.HandleAsync(user.Actor(), new BookSeriesInput(resourceId, plan, body!.Notes, body.PatronId), ct);
        if (outcome.Refusal is { } refusal)
        {
            return Problems.Refused(refusal);
        }

        var view = await SeriesQueries.LoadAsync(db, outcome.Series!.Id, null, ct);
        return TypedResults.Created($"/api/v1/reservations/series/{view!.Id}", view);
    }

    private static async Task<Results<Ok<SeriesView>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, BookingDbContext db, CancellationToken ct)
    {
        var view = await SeriesQueries.LoadAsync(db, id, user.IsStaff() ? null : user.UserId(), ct);
        return view is null ? Problems.NotFound("series") : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<SeriesCancelled>, ProblemHttpResult>> Cancel(
        Guid id, SeriesCancelBody? body, ClaimsPrincipal user, CancelSeries cancel, BookingDbContext db, CancellationToken ct)
    {
        if (body?.Reason is { Length: > 500 })
        {
            return Problems.Of(ErrorCodes.Validation, "A reason is at most 500 characters.");
        }

        var cancelled = await cancel.HandleAsync(user.Actor(), id, body?.From, body?.Reason, ct);
        var view = await SeriesQueries.LoadAsync(db, id, null, ct);
        return TypedResults.Ok(new SeriesCancelled(cancelled, view!));
    }
}
