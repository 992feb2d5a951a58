using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Booking.Data.Identity;
using Booking.IntegrationTests.Infrastructure;

namespace Booking.IntegrationTests.Admin;

public sealed class AdminAuthorizationTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private static readonly string Id = Guid.NewGuid().ToString();

    public static TheoryData<string, string> AdminOnlyEndpoints => new()
    {
        { "POST", "/api/v1/locations" },
        { "PUT", $"/api/v1/locations/{Id}" },
        { "PUT", $"/api/v1/locations/{Id}/opening-hours" },
        { "POST", $"/api/v1/locations/{Id}/closures" },
        { "DELETE", $"/api/v1/locations/{Id}/closures/{Id}" },
        { "POST", "/api/v1/kinds" },
        { "PUT", "/api/v1/kinds/room/policy" },
        { "POST", "/api/v1/resources" },
        { "PUT", $"/api/v1/resources/{Id}" },
    };

    public static TheoryData<string, string> StaffEndpoints => new()
    {
        { "POST", $"/api/v1/resources/{Id}/out-of-service" },
        { "POST", $"/api/v1/resources/{Id}/return-to-service" },
    };

    public static TheoryData<string, string> AllEndpoints
    {
        get
        {
            var all = new TheoryData<string, string>();
            foreach (var row in AdminOnlyEndpoints.Concat(StaffEndpoints))
            {
                all.Add((string)row[0], (string)row[1]);
            }

            return all;
        }
    }

    private static HttpRequestMessage Request(string method, string url) =>
        new(new HttpMethod(method), url) { Content = JsonContent.Create(new { name = "Sneaky", timeZone = "UTC", reason = "x" }) };

    [Theory]
    [MemberData(nameof(AllEndpoints))]
    public async Task AdminOrStaffEndpoint_Patron_403Forbidden(string method, string url)
    {
        var patron = (await host.SignInNewAsync(Roles.Patron)).Http;
        var response = await patron.SendAsync(Request(method, url));
        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory]
    [MemberData(nameof(AllEndpoints))]
    public async Task AdminOrStaffEndpoint_Anonymous_401(string method, string url)
    {
        var response = await host.CreateClient().SendAsync(Request(method, url));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(AdminOnlyEndpoints))]
    public async Task AdminOnlyEndpoint_Staff_403Forbidden(string method, string url)
    {
        var staff = (await host.SignInNewAsync(Roles.Staff)).Http;
        var response = await staff.SendAsync(Request(method, url));
        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task CreateLocation_Patron_403AndNothingCreated()
    {
        var patron = (await host.SignInNewAsync(Roles.Patron)).Http;
        var name = AdminSetup.Unique("Sneaky branch");

        var response = await patron.PostAsJsonAsync("/api/v1/locations", new { name, timeZone = "America/New_York" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var all = await host.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/locations");
        Assert.DoesNotContain(all.EnumerateArray(), l => l.GetProperty("name").GetString() == name);
    }

    [Fact]
    public async Task TakeOutOfService_Patron_403AndStillActive()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var locationId = await AdminSetup.CreateLocationIdAsync(admin);
        var id = (await AdminSetup.CreateResourceAsync(admin, locationId)).GetProperty("id").GetGuid();
        var patron = (await host.SignInNewAsync(Roles.Patron)).Http;

        var response = await patron.PostAsJsonAsync($"/api/v1/resources/{id}/out-of-service", new { reason = "Mine now" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var fetched = await host.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/resources/{id}");
        Assert.Equal("active", fetched.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("/api/v1/kinds")]
    [InlineData("/api/v1/locations")]
    public async Task ReadEndpoint_Anonymous_200(string url)
    {
        var response = await host.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
