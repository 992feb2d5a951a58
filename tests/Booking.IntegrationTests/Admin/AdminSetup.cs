using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Booking.IntegrationTests.Infrastructure;

namespace Booking.IntegrationTests.Admin;

/// <summary>Makes test data through the API, each piece with its own name, and reads it back.</summary>
internal static class AdminSetup
{
    public static string Unique(string prefix) => $"{prefix} {Guid.NewGuid():N}";

    public static string UniqueKindCode() => "k-" + Guid.NewGuid().ToString("N")[..16];

    public static async Task<JsonElement> CreateLocationAsync(HttpClient admin, string timeZone = "America/New_York", object[]? openingHours = null)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/locations", new
        {
            name = Unique("Branch"),
            address = "1 Test Street",
            timeZone,
            openingHours = openingHours ?? [new { day = "Monday", opens = "09:00", closes = "17:00" }],
        });
        return await CreatedAsync(response);
    }

    public static async Task<Guid> CreateLocationIdAsync(HttpClient admin) => (await CreateLocationAsync(admin)).GetProperty("id").GetGuid();

    public static async Task<JsonElement> CreateResourceAsync(HttpClient admin, Guid locationId, string kind = "room", object? policy = null)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/resources", new
        {
            name = Unique("Resource"),
            kind,
            locationId,
            description = "For tests.",
            capacity = 2,
            policy,
        });
        return await CreatedAsync(response);
    }

    public static async Task<JsonElement> CreateKindAsync(HttpClient admin, object? policy = null)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/kinds", new { code = UniqueKindCode(), name = Unique("Kind"), policy });
        return await CreatedAsync(response);
    }

    /// <summary>A full policy body with every field set, for kinds.</summary>
    public static Dictionary<string, object?> FullPolicy(int slotMinutes = 30, int minDuration = 30, int maxDuration = 120) => new()
    {
        ["slotMinutes"] = slotMinutes,
        ["minDurationMinutes"] = minDuration,
        ["maxDurationMinutes"] = maxDuration,
        ["bufferAfterMinutes"] = 10,
        ["leadTimeMinutes"] = 60,
        ["advanceWindowDays"] = 21,
        ["maxActiveReservations"] = 3,
        ["maxHoursPerWeek"] = 6,
        ["checkInOpensMinutesBefore"] = 10,
        ["noShowGraceMinutes"] = 20,
        ["requiresApproval"] = true,
    };

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, string json) =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    /// <summary>The raw JSON a GET answers, to compare before and after a refused change.</summary>
    public static async Task<string> SnapshotAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    public static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>Asserts a 400 <c>validation</c> problem whose <c>errors</c> name <paramref name="field"/>.</summary>
    public static async Task<JsonElement> ShouldBeValidationOfAsync(this HttpResponseMessage response, string field)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"Expected an error on '{field}': {problem}");
        return problem;
    }
}
