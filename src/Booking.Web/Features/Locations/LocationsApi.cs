using Booking.Data;
using Booking.Domain.Locations;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Locations;

/// <summary>A branch as the API shows it.</summary>
public sealed record LocationView(Guid Id, string Name, string? Address, string TimeZone, IReadOnlyList<OpeningHoursView> OpeningHours, IReadOnlyList<ClosureView> Closures)
{
    public static LocationView From(Location l) => new(
        l.Id, l.Name, l.Address, l.TimeZoneId,
        l.OpeningHours.OrderBy(h => ((int)h.Day + 6) % 7).ThenBy(h => h.Opens).Select(h => new OpeningHoursView(h.Day, h.Opens, h.Closes)).ToList(),
        l.Closures.OrderBy(c => c.StartsLocal).Select(c => new ClosureView(c.Id, c.StartsLocal, c.EndsLocal, c.Reason)).ToList());
}

public sealed record OpeningHoursView(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes);

/// <summary>A closure in the branch's wall-clock time (no offset: it is local by definition).</summary>
public sealed record ClosureView(Guid Id, DateTime StartsLocal, DateTime EndsLocal, string Reason);

public static class LocationsApi
{
    public static IEndpointRouteBuilder MapLocationsApi(this IEndpointRouteBuilder api)
    {
        var locations = api.MapGroup("/locations").WithTags("Locations");
        locations.MapGet("/", async (BookingDbContext db, CancellationToken ct) =>
        {
            var all = await db.Locations.AsNoTracking().OrderBy(l => l.Name).ToListAsync(ct);
            return TypedResults.Ok(all.Select(LocationView.From).ToList());
        });
        locations.MapGet("/{id:guid}", Get);
        return api;
    }

    private static async Task<Results<Ok<LocationView>, ProblemHttpResult>> Get(Guid id, BookingDbContext db, CancellationToken ct)
    {
        var location = await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);
        return location is null ? Problems.NotFound("location") : TypedResults.Ok(LocationView.From(location));
    }
}
