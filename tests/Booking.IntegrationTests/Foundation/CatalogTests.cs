using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Booking.IntegrationTests.Infrastructure;

namespace Booking.IntegrationTests.Foundation;

public sealed class CatalogTests(DemoHost host) : IClassFixture<DemoHost>
{
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task Health_DatabaseReachable_Healthy()
    {
        var response = await _client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Locations_DemoSeeded_OneBranchWithZoneAndHours()
    {
        var locations = await _client.GetFromJsonAsync<JsonElement>("/api/v1/locations");
        var branch = Assert.Single(locations.EnumerateArray());
        Assert.Equal("America/New_York", branch.GetProperty("timeZone").GetString());
        var hours = branch.GetProperty("openingHours").EnumerateArray().ToList();
        Assert.Contains(hours, h => h.GetProperty("day").GetString() == "Monday" && h.GetProperty("opens").GetString() == "09:00:00");
        Assert.Equal(2, hours.Count(h => h.GetProperty("day").GetString() == "Saturday"));
    }

    [Theory]
    [InlineData("room", 2)]
    [InlineData("3d-printer", 2)]
    [InlineData("laser-cutter", 1)]
    [InlineData("laptop", 4)]
    [InlineData("coworking-desk", 6)]
    public async Task Resources_FilterByKind_DemoCounts(string kind, int expected)
    {
        var resources = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/resources?kind={kind}");
        var list = resources.EnumerateArray().ToList();
        Assert.Equal(expected, list.Count);
        Assert.All(list, r => Assert.Equal(kind, r.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Resources_FilterByLocation_OnlyThatBranch()
    {
        var branchId = (await _client.GetFromJsonAsync<JsonElement>("/api/v1/locations"))[0].GetProperty("id").GetGuid();
        var atBranch = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/resources?locationId={branchId}");
        var elsewhere = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/resources?locationId={Guid.NewGuid()}");
        Assert.Equal(15, atBranch.GetArrayLength());
        Assert.Equal(0, elsewhere.GetArrayLength());
    }

    [Fact]
    public async Task Resources_UnknownKind_400NamesAllowedKinds()
    {
        var response = await _client.GetAsync("/api/v1/resources?kind=spaceship");
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("spaceship", detail);
        foreach (var kind in new[] { "room", "3d-printer", "laser-cutter", "laptop", "coworking-desk" })
        {
            Assert.Contains(kind, detail);
        }
    }

    [Fact]
    public async Task Resource_ById_ReturnsItWithEffectivePolicy()
    {
        var cutter = (await _client.GetFromJsonAsync<JsonElement>("/api/v1/resources?kind=laser-cutter"))[0];
        var one = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/resources/{cutter.GetProperty("id").GetGuid()}");
        Assert.Equal("Glowforge Pro", one.GetProperty("name").GetString());
        Assert.Equal("active", one.GetProperty("status").GetString());
        Assert.True(one.GetProperty("policy").GetProperty("bufferAfterMinutes").GetInt32() > 0, "a laser cutter needs a cool-down buffer");
    }

    [Fact]
    public async Task Resource_UnknownId_404Problem()
    {
        var response = await _client.GetAsync($"/api/v1/resources/{Guid.NewGuid()}");
        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTheApi()
    {
        var doc = await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/resources", out _));
        Assert.True(paths.TryGetProperty("/api/v1/auth/login", out _));
    }

    [Fact]
    public async Task HomePage_ListsResourcesByKind()
    {
        var html = await _client.GetStringAsync("/");
        foreach (var heading in new[] { "Room", "3D printer", "Laser cutter", "Laptop", "Coworking desk" })
        {
            Assert.Contains($">{heading}</h2>", html);
        }

        Assert.Contains("Glowforge Pro", html);
        Assert.Contains("Desk 6", html);
    }
}
