using System.Security.Claims;
using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Web.Infrastructure;
using Booking.Workflows.Reservations;
using Booking.Workflows.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Reservations;

/// <summary>The body of <c>POST /api/v1/reservations</c>; every field is checked before anything is read.</summary>
public sealed record BookBody(Guid? ResourceId, DateTimeOffset? Start, DateTimeOffset? End, string? Notes, Guid? PatronId);

/// <summary>An optional reason, for cancel and reject.</summary>
public sealed record ReasonBody(string? Reason);

public static class ReservationsApi
{
    public static IEndpointRouteBuilder MapReservationsApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/reservations").WithTags("Reservations").RequireAuthorization();
        group.MapPost("/", Book);
        group.MapGet("/mine", Mine);
        group.MapGet("/{id:guid}", Get);
        group.MapGet("/", DeskBoard).RequireAuthorization(MakerspaceApp.StaffPolicy);
        group.MapPost("/{id:guid}/cancel", (Guid id, ReasonBody? body, ClaimsPrincipal user, ReservationActions actions, BookingDbContext db, TimeProvider clock, CancellationToken ct) =>
            Act(db, clock, actions.CancelAsync(user.Actor(), id, body?.Reason, ct), ct));
        group.MapPost("/{id:guid}/check-in", (Guid id, ClaimsPrincipal user, ReservationActions actions, BookingDbContext db, TimeProvider clock, CancellationToken ct) =>
            Act(db, clock, actions.CheckInAsync(user.Actor(), id, ct), ct));
        group.MapPost("/{id:guid}/complete", (Guid id, ClaimsPrincipal user, ReservationActions actions, BookingDbContext db, TimeProvider clock, CancellationToken ct) =>
            Act(db, clock, actions.CompleteAsync(user.Actor(), id, ct), ct));
        group.MapPost("/{id:guid}/accept", (Guid id, ClaimsPrincipal user, ReservationActions actions, BookingDbContext db, TimeProvider clock, CancellationToken ct) =>
            Act(db, clock, actions.AcceptOfferAsync(user.Actor(), id, ct), ct));
        group.MapPost("/{id:guid}/approve", (Guid id, ClaimsPrincipal user, ReservationActions actions, BookingDbContext db, TimeProvider clock, CancellationToken ct) =>
            Act(db, clock, actions.ApproveAsync(user.Actor(), id, ct), ct)).RequireAuthorization(MakerspaceApp.StaffPolicy);
        group.MapPost("/{id:guid}/reject", (Guid id, ReasonBody? body, ClaimsPrincipal user, ReservationActions actions, BookingDbContext db, TimeProvider clock, CancellationToken ct) =>
            Act(db, clock, actions.RejectAsync(user.Actor(), id, body?.Reason, ct), ct)).RequireAuthorization(MakerspaceApp.StaffPolicy);
        group.MapSeriesApi();
        return api;
    }

    public static Actor Actor(this ClaimsPrincipal user) => new(user.UserId(), user.IsStaff());

    private static async Task<Results<Created<ReservationView>, ProblemHttpResult, ValidationProblem>> Book(
        BookBody? body, ClaimsPrincipal user, BookReservation booking, MakerspaceMetrics metrics, BookingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var checks = new FieldErrors();
        var resourceId = checks.Required(body?.ResourceId, "resourceId", "Say which resource to book.");
        var start = checks.Required(body?.Start, "start", "Give the start, with an offset. " + Instants.Hint);
        var end = checks.Required(body?.End, "end", "Give the end, with an offset. " + Instants.Hint);
        if (body?.Notes is { Length: > Reservation.MaxNotesLength })
        {
            checks.Add("notes", "Notes are at most {0} characters.", Reservation.MaxNotesLength);
        }

        if (checks.IsValid && end <= start)
        {
            checks.Add("end", "The end must be after the start.");
        }

        if (!checks.IsValid)
        {
            metrics.BookingRefused(ErrorCodes.Validation, null); // the handler counts every refusal after this one
            return checks.ToProblem();
        }

        var outcome = await booking.HandleAsync(user.UserId(), user.IsStaff(), new BookReservationInput(resourceId, start, end, body!.Notes, body.PatronId), ct);
        if (outcome.Refusal is { } refusal)
        {
            return Problems.Refused(refusal, CertificationProblem.Extensions(refusal, outcome.Zone));
        }

        var subject = outcome.Subject!;
        var view = ReservationQueries.ToView(
            new ReservationQueries.Row { Reservation = outcome.Reservation!, Resource = subject.Resource, Kind = subject.Kind, TimeZoneId = subject.Location.TimeZoneId, PatronEmail = outcome.PatronEmail },
            clock.GetUtcNow().UtcDateTime);
        return TypedResults.Created($"/api/v1/reservations/{view.Id}", view);
    }

    private static async Task<Ok<List<ReservationView>>> Mine(string? when, ClaimsPrincipal user, BookingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var me = user.UserId();
        var now = clock.GetUtcNow().UtcDateTime;
        var query = ReservationQueries.Rows(db).Where(r => r.Reservation.PatronId == me);
        query = when switch
        {
            "past" => query.Where(r => r.Reservation.EndsAtUtc <= now),
            "all" => query,
            _ => query.Where(r => r.Reservation.EndsAtUtc > now),
        };
        var rows = await (when == "past"
            ? query.OrderByDescending(r => r.Reservation.StartsAtUtc)
            : query.OrderBy(r => r.Reservation.StartsAtUtc)).Take(500).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(r => ReservationQueries.ToView(r, now)).ToList());
    }

    private static async Task<Results<Ok<ReservationView>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, BookingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var me = user.UserId();
        var staff = user.IsStaff();
        var row = await ReservationQueries.Rows(db).FirstOrDefaultAsync(r => r.Reservation.Id == id && (staff || r.Reservation.PatronId == me), ct);
        return row is null ? Problems.NotFound("reservation") : TypedResults.Ok(ReservationQueries.ToView(row, clock.GetUtcNow().UtcDateTime));
    }

    /// <summary>The desk board: one local day's reservations at a branch (today by default).</summary>
    private static async Task<Results<Ok<List<ReservationView>>, ProblemHttpResult, ValidationProblem>> DeskBoard(
        string? date, Guid? locationId, BookingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var locations = await db.Locations.AsNoTracking().Where(l => locationId == null || l.Id == locationId).ToListAsync(ct);
        if (locationId is not null && locations.Count == 0)
        {
            return Problems.NotFound("location");
        }

        DateOnly? day = null;
        if (!string.IsNullOrEmpty(date))
        {
            if (!Instants.TryParseDate(date, out var parsed))
            {
                return Problems.Validation("date", Instants.NotADate(date));
            }

            day = parsed;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var windows = locations.ToDictionary(l => l.Id, l => day is { } d ? LocalCalendar.DayOf(d, l.TimeZone) : LocalCalendar.DayOf(now, l.TimeZone));
        if (windows.Count == 0)
        {
            return TypedResults.Ok(new List<ReservationView>());
        }

        var from = windows.Values.Min(w => w.Start);
        var to = windows.Values.Max(w => w.End);
        var ids = windows.Keys.ToList();
        var rows = await ReservationQueries.Rows(db)
            .Where(r => ids.Contains(r.Resource.LocationId) && r.Reservation.StartsAtUtc < to && r.Reservation.EndsAtUtc > from)
            .OrderBy(r => r.Reservation.StartsAtUtc).ThenBy(r => r.Resource.Name)
            .ToListAsync(ct);
        return TypedResults.Ok(rows
            .Where(r => r.Reservation.Interval.Overlaps(windows[r.Resource.LocationId]))
            .Select(r => ReservationQueries.ToView(r, now)).ToList());
    }

    private static async Task<Ok<ReservationView>> Act(BookingDbContext db, TimeProvider clock, Task<Domain.Reservations.Reservation> action, CancellationToken ct)
    {
        var reservation = await action;
        return TypedResults.Ok(await ViewAsync(db, clock, reservation.Id, ct));
    }

    private static async Task<ReservationView> ViewAsync(BookingDbContext db, TimeProvider clock, Guid id, CancellationToken ct)
    {
        var row = await ReservationQueries.Rows(db).FirstAsync(r => r.Reservation.Id == id, ct);
        return ReservationQueries.ToView(row, clock.GetUtcNow().UtcDateTime);
    }
}
