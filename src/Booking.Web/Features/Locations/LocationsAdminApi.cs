using System.Globalization;
using System.Security.Claims;
using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Locations;
using Booking.Web.Features.Reservations;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Locations;

/// <summary>A new branch; opening hours are optional here and can be set later.</summary>
public sealed record NewLocationInput(string? Name, string? Address, string? TimeZone, List<OpeningHoursInput?>? OpeningHours);

/// <summary>A branch's name, address and time zone (hours and closures have their own endpoints).</summary>
public sealed record LocationDetailsInput(string? Name, string? Address, string? TimeZone);

/// <summary>One opening stretch: <c>{"day": "Monday", "opens": "09:00", "closes": "17:00"}</c>.</summary>
public sealed record OpeningHoursInput(string? Day, string? Opens, string? Closes);

/// <summary>A closure in local wall-clock time: either <c>startsLocal</c> and <c>endsLocal</c>, or a whole <c>date</c>.</summary>
public sealed record ClosureInput(string? StartsLocal, string? EndsLocal, string? Date, string? Reason);

/// <summary>Admin endpoints that set up branches: details, weekly hours and closures.</summary>
public static class LocationsAdminApi
{
    private const int NameLength = 200;
    private const int AddressLength = 400;
    private const int ReasonLength = 300;

    public static IEndpointRouteBuilder MapLocationsAdminApi(this IEndpointRouteBuilder api)
    {
        var locations = api.MapGroup("/locations").WithTags("Locations");
        locations.MapPost("/", Create).RequireAuthorization(MakerspaceApp.AdminPolicy);
        locations.MapPut("/{id:guid}", Update).RequireAuthorization(MakerspaceApp.AdminPolicy);
        locations.MapPut("/{id:guid}/opening-hours", SetOpeningHours).RequireAuthorization(MakerspaceApp.AdminPolicy);
        locations.MapGet("/{id:guid}/closures/{closureId:guid}", GetClosure);
        locations.MapPost("/{id:guid}/closures", AddClosure).RequireAuthorization(MakerspaceApp.AdminPolicy);
        locations.MapDelete("/{id:guid}/closures/{closureId:guid}", RemoveClosure).RequireAuthorization(MakerspaceApp.AdminPolicy);
        return api;
    }

    private static async Task<Results<Created<LocationView>, ValidationProblem>> Create(NewLocationInput input, BookingDbContext db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (name, address, zone) = ReadDetails(errors, input.Name, input.Address, input.TimeZone);
        var hours = ReadHours(errors, input.OpeningHours ?? []);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var location = new Location(name!, zone!, address);
        if (!errors.Try("openingHours", () => location.SetOpeningHours(hours)))
        {
            return errors.ToProblem();
        }

        db.Locations.Add(location);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/locations/{location.Id}", LocationView.From(location));
    }

    private static async Task<Results<Ok<LocationView>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, LocationDetailsInput input, BookingDbContext db, CancellationToken ct)
    {
        var location = await db.Locations.FirstOrDefaultAsync(l => l.Id == id, ct);
        if (location is null)
        {
            return Problems.NotFound("location");
        }

        var errors = new FieldErrors();
        var (name, address, zone) = ReadDetails(errors, input.Name, input.Address, input.TimeZone);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        location.Rename(name!, address);
        location.ChangeTimeZone(zone!);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(LocationView.From(location));
    }

    private static async Task<Results<Ok<LocationView>, ValidationProblem, ProblemHttpResult>> SetOpeningHours(
        Guid id, List<OpeningHoursInput?> input, BookingDbContext db, CancellationToken ct)
    {
        var location = await db.Locations.FirstOrDefaultAsync(l => l.Id == id, ct);
        if (location is null)
        {
            return Problems.NotFound("location");
        }

        var errors = new FieldErrors();
        var hours = ReadHours(errors, input);
        if (errors.Any || !errors.Try("openingHours", () => location.SetOpeningHours(hours)))
        {
            return errors.ToProblem();
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(LocationView.From(location));
    }

    private static async Task<Results<Ok<ClosureView>, ProblemHttpResult>> GetClosure(Guid id, Guid closureId, BookingDbContext db, CancellationToken ct)
    {
        var location = await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);
        var closure = location?.Closures.FirstOrDefault(c => c.Id == closureId);
        return closure is null ? Problems.NotFound("closure") : TypedResults.Ok(ToView(closure));
    }

    /// <summary>Adds a closure; active reservations inside it are cancelled, each patron told (nothing dropped silently).</summary>
    private static async Task<Results<Created<ClosureView>, ValidationProblem, ProblemHttpResult>> AddClosure(
        Guid id, ClosureInput input, ClaimsPrincipal user, TimeProvider clock, BookingDbContext db, CancellationToken ct)
    {
        var location = await db.Locations.FirstOrDefaultAsync(l => l.Id == id, ct);
        if (location is null)
        {
            return Problems.NotFound("location");
        }

        var errors = new FieldErrors();
        var reason = errors.Required("reason", input.Reason, ReasonLength);
        var (starts, ends) = ReadClosureSpan(errors, input);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        Closure? closure = null;
        if (!errors.Try("endsLocal", () => closure = location.AddClosure(starts, ends, reason!)))
        {
            return errors.ToProblem();
        }

        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        await transaction.LockLocationResourcesAsync(location.Id, ct);
        var zone = location.TimeZone;
        var closed = new UtcInterval(LocalCalendar.ToUtc(closure!.StartsLocal, zone), LocalCalendar.ToUtc(closure.EndsLocal, zone));
        var resourceIds = await db.Resources.Where(r => r.LocationId == location.Id).Select(r => r.Id).ToListAsync(ct);
        await CollidingReservations.CancelAsync(db, user.UserId(), resourceIds, closed,
            $"{location.Name} will be closed then: {closure.Reason}.", clock.GetUtcNow().UtcDateTime, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/locations/{location.Id}/closures/{closure!.Id}", ToView(closure));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveClosure(Guid id, Guid closureId, BookingDbContext db, CancellationToken ct)
    {
        var location = await db.Locations.FirstOrDefaultAsync(l => l.Id == id, ct);
        if (location is null || !location.RemoveClosure(closureId))
        {
            return Problems.NotFound("closure");
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static ClosureView ToView(Closure c) => new(c.Id, c.StartsLocal, c.EndsLocal, c.Reason);

    private static (string? Name, string? Address, string? TimeZone) ReadDetails(FieldErrors errors, string? name, string? address, string? timeZone)
    {
        var checkedName = errors.Required("name", name, NameLength);
        var checkedAddress = errors.Optional("address", address, AddressLength);
        string? zone = null;
        if (string.IsNullOrWhiteSpace(timeZone))
        {
            errors.Add("timeZone", "timeZone is required: an IANA time zone such as America/New_York.");
        }
        else if (!Location.IsKnownTimeZone(timeZone.Trim()))
        {
            errors.Add("timeZone", $"'{timeZone}' is not an IANA time zone (for example America/New_York).");
        }
        else
        {
            zone = timeZone.Trim();
        }

        return (checkedName, checkedAddress, zone);
    }

    private static List<OpeningInterval> ReadHours(FieldErrors errors, IReadOnlyList<OpeningHoursInput?> input)
    {
        var hours = new List<OpeningInterval>();
        for (var i = 0; i < input.Count; i++)
        {
            var field = $"openingHours[{i}]";
            var item = input[i];
            if (item is null)
            {
                errors.Add(field, "Each opening stretch needs day, opens and closes.");
                continue;
            }

            var day = ReadDay(errors, $"{field}.day", item.Day);
            var opens = ReadTime(errors, $"{field}.opens", item.Opens);
            var closes = ReadTime(errors, $"{field}.closes", item.Closes);
            if (day is null || opens is null || closes is null)
            {
                continue;
            }

            if (closes <= opens)
            {
                errors.Add($"{field}.closes", $"On {day} the branch must close after it opens ({item.Opens}–{item.Closes}).");
                continue;
            }

            hours.Add(new OpeningInterval(day.Value, opens.Value, closes.Value));
        }

        return hours;
    }

    private static DayOfWeek? ReadDay(FieldErrors errors, string field, string? value)
    {
        var name = Enum.GetNames<DayOfWeek>().FirstOrDefault(n => string.Equals(n, value?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            errors.Add(field, $"'{value}' is not a day of the week; use Monday to Sunday.");
            return null;
        }

        return Enum.Parse<DayOfWeek>(name);
    }

    private static TimeOnly? ReadTime(FieldErrors errors, string field, string? value)
    {
        if (TimeOnly.TryParseExact(value?.Trim(), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors.Add(field, $"'{value}' is not a time of day; use 24-hour HH:mm, e.g. 09:00.");
        return null;
    }

    private static (DateTime Starts, DateTime Ends) ReadClosureSpan(FieldErrors errors, ClosureInput input)
    {
        var hasDate = !string.IsNullOrWhiteSpace(input.Date);
        var hasSpan = !string.IsNullOrWhiteSpace(input.StartsLocal) || !string.IsNullOrWhiteSpace(input.EndsLocal);
        if (hasDate && hasSpan)
        {
            errors.Add("date", "Give either date (a whole day) or startsLocal and endsLocal, not both.");
            return default;
        }

        if (hasDate)
        {
            if (!DateOnly.TryParseExact(input.Date!.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add("date", $"'{input.Date}' is not a date; use yyyy-MM-dd, e.g. 2026-12-25.");
                return default;
            }

            var midnight = date.ToDateTime(TimeOnly.MinValue);
            return (midnight, midnight.AddDays(1));
        }

        if (!hasSpan)
        {
            errors.Add("date", "Give a date (a whole day) or startsLocal and endsLocal.");
            return default;
        }

        var starts = ReadLocal(errors, "startsLocal", input.StartsLocal);
        var ends = ReadLocal(errors, "endsLocal", input.EndsLocal);
        if (starts is null || ends is null)
        {
            return default;
        }

        if (ends <= starts)
        {
            errors.Add("endsLocal", "A closure must end after it starts.");
        }

        return (starts.Value, ends.Value);
    }

    private static DateTime? ReadLocal(FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, $"{field} is required: a local date and time without offset, e.g. 2026-12-24T13:00.");
            return null;
        }

        if (DateTime.TryParseExact(value.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return local;
        }

        errors.Add(field, $"'{value}' is not a local date and time; use yyyy-MM-ddTHH:mm without offset, e.g. 2026-12-24T13:00.");
        return null;
    }
}
