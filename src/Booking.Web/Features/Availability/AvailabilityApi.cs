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
    /// Which resources of a kind are free for the whole interval: three queries whatever the number of resources
    /// (the resources, their reservations and maintenance as one UNION ALL, their branches). An unknown kind costs
    /// a fourth, only when nothing matched.
    /// </summary>
    private static async Task<Results<Ok<List<ResourceFreeView>>, ProblemHttpResult, ValidationProblem>> ForKind(
        string? kind, Guid? locationId, string? start, string? end, BookingDbContext db, TimeProvider clock, CancellationToken ct)
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
        var query = ResourceQueries.Views(db);
        if (!string.IsNullOrEmpty(kind))
        {
            query = query.Where(r => r.Resource.KindCode == kind);
        }

        if (locationId is { } loc)
        {
            query = query.Where(r => r.Resource.LocationId == loc);
        }

        var candidates = await query.OrderBy(r => r.Resource.Name).ToListAsync(ct);
        if (candidates.Count == 0 && await ResourceQueries.UnknownKindAsync(db, kind, ct) is { } unknown)
        {
            checks.Add("kind", unknown);
            return checks.ToProblem();
        }

        var ids = candidates.Select(c => c.Resource.Id).ToList();
        var policies = candidates.ToDictionary(c => c.Resource.Id, c => c.Resource.EffectivePolicy(c.Kind.DefaultPolicy));
        var maxBuffer = policies.Count == 0 ? 0 : policies.Values.Max(p => p.BufferAfterMinutes);
        var busy = (await BusyRow.ReadAsync(db, ids, interval, interval.End.AddMinutes(maxBuffer), ct)).ToLookup(b => b.ResourceId);
        var locationIds = candidates.Select(c => c.Resource.LocationId).Distinct().ToList();
        var locations = await db.Locations.AsNoTracking().Where(l => locationIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var request = new BookingRequest(Guid.Empty, interval);
        var result = candidates.Select(c =>
        {
            var rows = busy[c.Resource.Id];
            var facts = new BookingFacts
            {
                Resource = c.Resource,
                Location = locations[c.Resource.LocationId],
                Policy = policies[c.Resource.Id],
                NowUtc = now,
                Taken = rows.Where(b => b.Reason is null).Select(b => new UtcInterval(b.Start, b.End)).ToList(),
                Maintenance = rows.Where(b => b.Reason is not null).Select(b => new MaintenanceWindow(new UtcInterval(b.Start, b.End), b.Reason!)).ToList(),
            };
            var refusal = ResourceRules.Select(rule => rule(request, facts)).FirstOrDefault(r => r is not null);
            return new ResourceFreeView(c.Resource.Id, c.Resource.Name, c.Resource.LocationId, refusal is null, refusal?.Code, refusal?.Message);
        }).ToList();
        return TypedResults.Ok(result);
    }

    /// <summary>The rules about the resource and the time, not about who asks (quotas and lead time are checked on booking).</summary>
    private static readonly Func<BookingRequest, BookingFacts, BookingRefusal?>[] ResourceRules =
    [
        BookingRules.ResourceMustBeInService,
        BookingRules.DurationMustFitPolicy,
        BookingRules.MustBeWithinOpeningHours,
        BookingRules.MustAvoidClosures,
        BookingRules.MustAvoidMaintenance,
        BookingRules.SlotMustBeFree,
    ];

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
            checks.Add(field, $"Give {field}. {Instants.Hint}");
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
            checks.Add(field, $"Ask for at most {MaxRangeDays} days at a time.");
        }
    }
}
