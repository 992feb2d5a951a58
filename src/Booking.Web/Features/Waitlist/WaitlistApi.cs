using System.Security.Claims;
using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Web.Features.Reservations;
using Booking.Web.Infrastructure;
using Booking.Workflows.Reservations;
using Booking.Workflows.Waitlist;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Waitlist;

/// <summary>The body of <c>POST /api/v1/waitlist</c>.</summary>
public sealed record JoinWaitlistBody(Guid? ResourceId, DateTimeOffset? Start, DateTimeOffset? End);

/// <summary>A place on a waiting list as the API shows it.</summary>
public sealed record WaitlistView(Guid Id, Guid ResourceId, DateTimeOffset Start, DateTimeOffset End, string Status, int Position, Guid? OfferedReservationId);

public static class WaitlistApi
{
    public static IEndpointRouteBuilder MapWaitlistApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/waitlist").WithTags("Waiting list").RequireAuthorization();
        group.MapPost("/", Join);
        group.MapGet("/mine", Mine);
        group.MapDelete("/{id:guid}", Leave);
        return api;
    }

    private static async Task<Results<Created<WaitlistView>, ProblemHttpResult, ValidationProblem>> Join(
        JoinWaitlistBody? body, ClaimsPrincipal user, BookingDbContext db, WaitlistJoining joining, CancellationToken ct)
    {
        var checks = new FieldErrors();
        var resourceId = checks.Required(body?.ResourceId, "resourceId", "Say which resource you wait for.");
        var start = checks.Required(body?.Start, "start", "Give the start. " + Instants.Hint);
        var end = checks.Required(body?.End, "end", "Give the end. " + Instants.Hint);
        if (checks.IsValid && end <= start)
        {
            checks.Add("end", "The end must be after the start.");
        }

        if (!checks.IsValid)
        {
            return checks.ToProblem();
        }

        var subject = await BookingSubject.LoadAsync(db, resourceId, ct);
        if (subject is null)
        {
            return Problems.NotFound("resource");
        }

        var outcome = await joining.JoinAsync(user.UserId(), subject, new UtcInterval(start.UtcDateTime, end.UtcDateTime), ct);
        if (outcome.Refusal is { } refusal)
        {
            return Problems.Refused(refusal);
        }

        var entry = outcome.Entry!;
        var view = (await ViewsAsync(db, w => w.Id == entry.Id, ct)).Single();
        return TypedResults.Created($"/api/v1/waitlist/{entry.Id}", view);
    }

    private static async Task<Ok<List<WaitlistView>>> Mine(ClaimsPrincipal user, BookingDbContext db, CancellationToken ct)
    {
        var me = user.UserId();
        return TypedResults.Ok(await ViewsAsync(db, w => w.PatronId == me, ct));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Leave(Guid id, ClaimsPrincipal user, BookingDbContext db, CancellationToken ct)
    {
        var me = user.UserId();
        var entry = await db.WaitlistEntries.FirstOrDefaultAsync(w => w.Id == id && w.PatronId == me, ct);
        if (entry is null)
        {
            return Problems.NotFound("waiting-list place");
        }

        entry.Withdraw();
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>Places on waiting lists, with each one's position in its line; shared with the pages.</summary>
    internal static async Task<List<WaitlistView>> ViewsAsync(BookingDbContext db, System.Linq.Expressions.Expression<Func<WaitlistEntry, bool>> filter, CancellationToken ct)
    {
        var entries = await db.WaitlistEntries.AsNoTracking().Where(filter).OrderBy(w => w.StartsAtUtc).ToListAsync(ct);
        var resourceIds = entries.Select(e => e.ResourceId).Distinct().ToList();
        // Everyone still waiting on those resources, to tell each patron their place in line (one query).
        var lines = await db.WaitlistEntries.AsNoTracking()
            .Where(w => resourceIds.Contains(w.ResourceId) && w.Status == WaitlistStatus.Waiting)
            .Select(w => new { w.Id, w.ResourceId, w.StartsAtUtc, w.EndsAtUtc, w.LineNumber })
            .ToListAsync(ct);
        var zones = await (from r in db.Resources
                           join l in db.Locations on r.LocationId equals l.Id
                           where resourceIds.Contains(r.Id)
                           select new { r.Id, l.TimeZoneId }).ToDictionaryAsync(x => x.Id, x => x.TimeZoneId, ct);
        return entries.Select(e =>
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(zones[e.ResourceId]);
            var position = e.Status == WaitlistStatus.Waiting
                ? 1 + lines.Count(o => o.ResourceId == e.ResourceId && o.LineNumber < e.LineNumber && o.StartsAtUtc < e.EndsAtUtc && o.EndsAtUtc > e.StartsAtUtc)
                : 0;
            return new WaitlistView(e.Id, e.ResourceId, ReservationQueries.Local(e.StartsAtUtc, zone), ReservationQueries.Local(e.EndsAtUtc, zone),
                e.Status.ToString().ToLowerInvariant(), position, e.OfferedReservationId);
        }).ToList();
    }
}
