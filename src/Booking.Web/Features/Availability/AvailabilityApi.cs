using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Web.Features.Reservations;
using Booking.Web.Features.Resources;
using Booking.Web.Infrastructure;
using Booking.Workflows.Reservations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Availability;

/// <summary>A busy stretch: <c>reserved</c> (buffer included), <c>maintenance</c> or <c>closed</c>. No patron data.</summary>
public sealed record BusyView(DateTimeOffset Start, DateTimeOffset End, string Why);

/// <summary>A free stretch in which a booking of at least the minimum duration can start.</summary>
public sealed record FreeView(DateTimeOffset Start, DateTimeOffset End);

/// <summary>One resource's busy and free time over a range.</summary>
public sealed record ResourceAvailabilityView(Guid ResourceId, string TimeZone, DateTimeOffset From, DateTimeOffset To, int SlotMinutes, int MinDurationMinutes,
    IReadOnlyList<BusyView> Busy, IReadOnlyList<FreeView> Free);

/// <summary>Whether one resource can be booked for the asked interval, and if not, why.</summary>
public sealed record ResourceFreeView(Guid ResourceId, string Name, Guid LocationId, bool Free, string? Code, string? Reason);

public static class AvailabilityApi
{
    public const int MaxRangeDays = 31;

    public static IEndpointRouteBuilder MapAvailabilityApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/resources/{id:guid}/availability", ForResource).WithTags("Availability");
        api.MapGet("/availability", ForKind).WithTags("Availability");
        return api;
    }

    private static async Task<Results<Ok<ResourceAvailabilityView>, ProblemHttpResult, ValidationProblem>> ForResource(
        Guid id, string? from, string? to, BookingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var checks = new FieldErrors();
        var rangeStart = ParseOptional(from, "from", now, checks);
        var rangeEnd = ParseOptional(to, "to", rangeStart.AddDays(7), checks);
        CheckRange(rangeStart, rangeEnd, checks, "to");
        if (!checks.IsValid)
        {
            return checks.ToProblem();
        }

        var subject = await BookingSubject.LoadAsync(db, id, ct);
        if (subject is null)
        {
            return Problems.NotFound("resource");
        }

        var range = new UtcInterval(rangeStart.UtcDateTime, rangeEnd.UtcDateTime);
        var time = await ResourceTime.LoadAsync(db, subject, range, now.UtcDateTime, ct);
        var zone = subject.Location.TimeZone;
        var busy = time.Busy.Select(b => new BusyView(ReservationQueries.Local(b.Interval.Start, zone), ReservationQueries.Local(b.Interval.End, zone), b.Why)).ToList();
        var free = time.Free.Select(f => new FreeView(ReservationQueries.Local(f.Start, zone), ReservationQueries.Local(f.End, zone))).ToList();

        return TypedResults.Ok(new ResourceAvailabilityView(id, subject.Location.TimeZoneId,
            ReservationQueries.Local(range.Start, zone), ReservationQueries.Local(range.End, zone),
            subject.Policy.SlotMinutes, subject.Policy.MinDurationMinutes, busy, free));
    }

    /// <summary>
    /// Which resources of a kind are free for the whole interval (<see cref="KindAvailability"/>). An unknown kind
    /// costs a fourth query, only when nothing matched.
    /// </summary>
    private static async Task<Results<Ok<List<ResourceFreeView>>, ProblemHttpResult, ValidationProblem>> ForKind(
        string? kind, Guid? locationId, string? start, string? end, BookingDbContext db, KindCatalogues catalogues, TimeProvider clock, CancellationToken ct)
    {
        var checks = new FieldErrors();
        var s = ParseRequired(start, "start", checks);
        var e = ParseRequired(end, "end", checks);
        if (checks.IsValid)
        {
            CheckRange(s, e, checks, "end");
        }

        if (!checks.IsValid)
        {
            if (await ResourceQueries.UnknownKindAsync(db, kind, ct) is { } wrongKind)
            {
                checks.Add("kind", wrongKind);
            }

            return checks.ToProblem();
        }

        var interval = new UtcInterval(s.UtcDateTime, e.UtcDateTime);
        var answers = await KindAvailability.CheckAsync(db, catalogues, kind, locationId, _ => interval, clock.GetUtcNow().UtcDateTime, ct);
        if (answers.Count == 0 && await ResourceQueries.UnknownKindAsync(db, kind, ct) is { } unknown)
        {
            checks.Add("kind", unknown);
            return checks.ToProblem();
        }

        var result = answers.Select(a => new ResourceFreeView(a.Row.Resource.Id, a.Row.Resource.Name, a.Row.Resource.LocationId, a.Free, a.Refusal?.Code, a.Refusal?.Message)).ToList();
        return TypedResults.Ok(result);
    }

    private static DateTimeOffset ParseOptional(string? text, string field, DateTimeOffset fallback, FieldErrors checks)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (!Instants.TryParse(text, out var value))
        {
            checks.Add(field, Instants.NotAnInstant(text));
        }

        return value;
    }

    private static DateTimeOffset ParseRequired(string? text, string field, FieldErrors checks)
    {
        if (string.IsNullOrEmpty(text))
        {
            checks.Add(field, "Give {0}. {1}", field, Instants.Hint);
            return default;
        }

        return ParseOptional(text, field, default, checks);
    }

    private static void CheckRange(DateTimeOffset from, DateTimeOffset to, FieldErrors checks, string field)
    {
        if (!checks.IsValid)
        {
            return;
        }

        if (to <= from)
        {
            checks.Add(field, "The end of the range must be after its start.");
        }
        else if (to - from > TimeSpan.FromDays(MaxRangeDays))
        {
            checks.Add(field, "Ask for at most {0} days at a time.", MaxRangeDays);
        }
    }
}
