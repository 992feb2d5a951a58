using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Booking.ClusterTests.Infrastructure;

/// <summary>A patron account made through the API, with its bearer token.</summary>
public sealed record Patron(string Email, string Password, string Token);

/// <summary>A branch with its resources, made by the admin through the API for one test.</summary>
public sealed record Branch(Guid LocationId, IReadOnlyList<Guid> Resources);

/// <summary>The JSON API as a client sees it: sign-ins, a branch of bookable rooms, bookings.</summary>
public static class LibraryApi
{
    public const string Password = "Cluster-patron-1";
    private const string KindCode = "cluster-room";

    public static async Task<string> SignInAsync(HttpClient client, string email, string password)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        Assert.True(response.IsSuccessStatusCode, $"sign-in of {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("accessToken").GetString()!;
    }

    public static async Task<Patron> RegisterAsync(HttpClient client, string email)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password, displayName = email.Split('@')[0] });
        Assert.True(response.IsSuccessStatusCode, $"registration of {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return new Patron(email, Password, await SignInAsync(client, email, Password));
    }

    public static async Task<IReadOnlyList<Patron>> RegisterManyAsync(HttpClient client, string prefix, int count)
    {
        var patrons = new List<Patron>();
        foreach (var i in Enumerable.Range(1, count))
        {
            patrons.Add(await RegisterAsync(client, $"{prefix}-{i}@cluster.test"));
        }

        return patrons;
    }

    /// <summary>
    /// A branch open all day every day in a zone where it is late morning now (bookings in the next hours never meet
    /// midnight), a kind booked in five-minute steps with no quotas, and <paramref name="resources"/> rooms of that kind.
    /// </summary>
    public static async Task<Branch> SetUpBranchAsync(HttpClient client, string adminToken, string name, int resources)
    {
        var offset = Math.Clamp(10 - DateTime.UtcNow.Hour, -12, 14);
        var zone = offset switch { 0 => "Etc/UTC", > 0 => $"Etc/GMT-{offset}", _ => $"Etc/GMT+{-offset}" };
        var days = Enum.GetNames<DayOfWeek>().Select(d => new { day = d, opens = "00:00", closes = "23:59" });
        var location = await SendAsync(client, adminToken, HttpMethod.Post, "/api/v1/locations",
            new { name, address = "1 Cluster Way", timeZone = zone, openingHours = days });

        using (var kinds = await client.SendAsync(Request(HttpMethod.Get, "/api/v1/kinds", adminToken)))
        {
            var known = await kinds.Content.ReadFromJsonAsync<JsonElement>();
            if (!known.EnumerateArray().Any(k => k.GetProperty("code").GetString() == KindCode))
            {
                await SendAsync(client, adminToken, HttpMethod.Post, "/api/v1/kinds", new
                {
                    code = KindCode,
                    name = "Cluster room",
                    policy = new
                    {
                        slotMinutes = 5,
                        minDurationMinutes = 5,
                        maxDurationMinutes = 240,
                        bufferAfterMinutes = 0,
                        leadTimeMinutes = 0,
                        advanceWindowDays = 30,
                        maxActiveReservations = (int?)null,
                        maxHoursPerWeek = (int?)null,
                        checkInOpensMinutesBefore = 15,
                        noShowGraceMinutes = 60,
                        requiresApproval = false,
                    },
                });
            }
        }

        var locationId = location.GetProperty("id").GetGuid();
        var ids = new List<Guid>();
        foreach (var i in Enumerable.Range(1, resources))
        {
            var resource = await SendAsync(client, adminToken, HttpMethod.Post, "/api/v1/resources",
                new { name = $"{name} room {i}", kind = KindCode, locationId, description = "A room for the cluster tests", capacity = 4 });
            ids.Add(resource.GetProperty("id").GetGuid());
        }

        return new Branch(locationId, ids);
    }

    /// <summary>The next start on the kind's five-minute steps at least <paramref name="ahead"/> from now.</summary>
    public static DateTimeOffset StepAfter(TimeSpan ahead)
    {
        var t = DateTimeOffset.UtcNow + ahead;
        return new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, t.Minute / 5 * 5, 0, TimeSpan.Zero).AddMinutes(5);
    }

    public static HttpRequestMessage Booking(string token, Guid resourceId, DateTimeOffset start, DateTimeOffset end) =>
        Request(HttpMethod.Post, "/api/v1/reservations", token, new
        {
            resourceId,
            start = start.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
            end = end.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
        });

    /// <summary>Books and insists on 201; returns the reservation's id.</summary>
    public static async Task<Guid> BookAsync(HttpClient client, Patron patron, Guid resourceId, DateTimeOffset start, DateTimeOffset end)
    {
        using var response = await client.SendAsync(Booking(patron.Token, resourceId, start, end));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"booking: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, string? token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = Cluster.Bearer(token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }

    private static async Task<JsonElement> SendAsync(HttpClient client, string token, HttpMethod method, string path, object body)
    {
        using var response = await client.SendAsync(Request(method, path, token, body));
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
