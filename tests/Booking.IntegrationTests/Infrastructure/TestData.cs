using System.Net.Http.Json;
using System.Text.Json;
using Booking.Data;
using Booking.Domain.Locations;
using Booking.Domain.Resources;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.IntegrationTests.Infrastructure;

/// <summary>Each test makes its own branch and resources straight in the database, so tests never share a slot.</summary>
public static class TestData
{
    public static async Task<Location> BranchAsync(this MakerspaceHost host, string zone = "America/New_York", int opens = 8, int closes = 20, Action<Location>? configure = null)
    {
        var location = new Location($"Branch {Guid.NewGuid():N}", zone);
        location.SetOpeningHours(Enum.GetValues<DayOfWeek>().Select(d => new OpeningInterval(d, new TimeOnly(opens, 0), new TimeOnly(closes, 0))));
        configure?.Invoke(location);
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BookingDbContext>();
        db.Locations.Add(location);
        await db.SaveChangesAsync();
        return location;
    }

    public static async Task<Resource> ResourceAsync(this MakerspaceHost host, Guid locationId, string kind, PolicyOverride? policy = null)
    {
        var resource = new Resource($"{kind} {Guid.NewGuid():N}"[..30], kind, locationId);
        if (policy is not null)
        {
            resource.OverridePolicy(policy);
        }

        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BookingDbContext>();
        db.Resources.Add(resource);
        await db.SaveChangesAsync();
        return resource;
    }

    /// <summary>A wall-clock time at a branch as an instant with that zone's offset, e.g. Local("America/New_York", "2026-01-13T10:00").</summary>
    public static DateTimeOffset Local(string zoneId, string localTime)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var local = DateTime.Parse(localTime, System.Globalization.CultureInfo.InvariantCulture);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public static Task<HttpResponseMessage> BookAsync(this HttpClient client, Guid resourceId, DateTimeOffset start, DateTimeOffset end, Guid? patronId = null) =>
        client.PostAsJsonAsync("/api/v1/reservations", new { resourceId, start, end, patronId });

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Expected success, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public static Task InScopeAsync(this MakerspaceHost host, Func<BookingDbContext, Task> work) =>
        host.InScopeAsync(async db =>
        {
            await work(db);
            return true;
        });

    public static Task<T> InScopeAsync<T>(this MakerspaceHost host, Func<BookingDbContext, Task<T>> work)
    {
        var scope = host.Services.CreateScope();
        return Run();

        async Task<T> Run()
        {
            using (scope)
            {
                return await work(scope.ServiceProvider.GetRequiredService<BookingDbContext>());
            }
        }
    }
}
