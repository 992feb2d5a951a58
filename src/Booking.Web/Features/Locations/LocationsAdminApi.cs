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
        var (name, address, zone) = LocationSetup.ReadDetails(errors, input.Name, input.Address, input.TimeZone);
        var hours = LocationSetup.ReadHours(errors, input.OpeningHours ?? []);
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
        var (name, address, zone) = LocationSetup.ReadDetails(errors, input.Name, input.Address, input.TimeZone);
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
        var hours = LocationSetup.ReadHours(errors, input);
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
        var added = await LocationSetup.AddClosureAsync(db, location, input, user.UserId(), clock.GetUtcNow().UtcDateTime, errors, ct);
        if (added is null)
        {
            return errors.ToProblem();
        }

        var closure = added.Closure;
        return TypedResults.Created($"/api/v1/locations/{location.Id}/closures/{closure!.Id}", ToView(closure));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveClosure(
        Guid id, Guid closureId, ClaimsPrincipal user, BookingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var location = await db.Locations.FirstOrDefaultAsync(l => l.Id == id, ct);
        if (location is null || !LocationSetup.RemoveClosure(db, location, closureId, user.UserId(), clock.GetUtcNow().UtcDateTime))
        {
            return Problems.NotFound("closure");
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static ClosureView ToView(Closure c) => new(c.Id, c.StartsLocal, c.EndsLocal, c.Reason);
}
