using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Booking.Data.Identity;
using Booking.IntegrationTests.Infrastructure;

namespace Booking.IntegrationTests.Admin;

public sealed class LocationsAdminTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    [Fact]
    public async Task Get_UnknownId_404NotFound()
    {
        var response = await host.CreateClient().GetAsync($"/api/v1/locations/{Guid.NewGuid()}");
        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Create_WithHours_201WithLocationHeaderAndVisibleToAnyone()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var name = AdminSetup.Unique("Eastside");
        var response = await admin.PostAsJsonAsync("/api/v1/locations", new
        {
            name = $"  {name}  ",
            address = "22 Harbour Road",
            timeZone = "Europe/Berlin",
            openingHours = new object[]
            {
                new { day = "Tuesday", opens = "13:00", closes = "18:00" },
                new { day = "tuesday", opens = "09:00", closes = "12:00" },
                new { day = "Saturday", opens = "10:00:00", closes = "14:30" },
            },
        });

        var created = await AdminSetup.CreatedAsync(response);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/locations/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(name, created.GetProperty("name").GetString());

        var anonymous = host.CreateClient();
        var fetched = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/locations/{id}");
        Assert.Equal(name, fetched.GetProperty("name").GetString());
        Assert.Equal("22 Harbour Road", fetched.GetProperty("address").GetString());
        Assert.Equal("Europe/Berlin", fetched.GetProperty("timeZone").GetString());
        var hours = fetched.GetProperty("openingHours").EnumerateArray()
            .Select(h => $"{h.GetProperty("day").GetString()} {h.GetProperty("opens").GetString()}-{h.GetProperty("closes").GetString()}")
            .ToList();
        Assert.Equal(["Tuesday 09:00:00-12:00:00", "Tuesday 13:00:00-18:00:00", "Saturday 10:00:00-14:30:00"], hours);

        var all = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/locations");
        Assert.Contains(all.EnumerateArray(), l => l.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task Create_OnlyRequiredFields_201WithoutHoursOrAddress()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var response = await admin.PostAsJsonAsync("/api/v1/locations", new { name = AdminSetup.Unique("Kiosk"), timeZone = "America/Chicago" });

        var created = await AdminSetup.CreatedAsync(response);
        Assert.Equal(JsonValueKind.Null, created.GetProperty("address").ValueKind);
        Assert.Equal(0, created.GetProperty("openingHours").GetArrayLength());
        Assert.Equal(0, created.GetProperty("closures").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"timeZone":"America/New_York"}""", "name")]
    [InlineData("""{"name":"   ","timeZone":"America/New_York"}""", "name")]
    [InlineData("""{"name":"Branch"}""", "timeZone")]
    [InlineData("""{"name":"Branch","timeZone":"Mars/Olympus_Mons"}""", "timeZone")]
    [InlineData("""{"name":"Branch","timeZone":"not a zone"}""", "timeZone")]
    [InlineData("""{"name":"Branch","timeZone":"America/New_York","openingHours":[{"day":"Monday","opens":"09:00","closes":"13:00"},{"day":"Monday","opens":"12:00","closes":"17:00"}]}""", "openingHours")]
    [InlineData("""{"name":"Branch","timeZone":"America/New_York","openingHours":[{"day":"Monday","opens":"17:00","closes":"09:00"}]}""", "openingHours[0].closes")]
    [InlineData("""{"name":"Branch","timeZone":"America/New_York","openingHours":[{"day":"Funday","opens":"09:00","closes":"17:00"}]}""", "openingHours[0].day")]
    [InlineData("""{"name":"Branch","timeZone":"America/New_York","openingHours":[{"day":"Monday","opens":"9am","closes":"17:00"}]}""", "openingHours[0].opens")]
    [InlineData("""{"name":"Branch","timeZone":"America/New_York","openingHours":[{"day":"Monday","opens":"09:00","closes":"25:00"}]}""", "openingHours[0].closes")]
    [InlineData("""{"name":"Branch","timeZone":"America/New_York","openingHours":[{"day":"Monday","opens":"09:00"}]}""", "openingHours[0].closes")]
    public async Task Create_BadField_400NamesFieldAndCreatesNothing(string json, string field)
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var before = await AdminSetup.SnapshotAsync(admin, "/api/v1/locations");

        var response = await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/locations", json);

        await response.ShouldBeValidationOfAsync(field);
        Assert.Equal(before, await AdminSetup.SnapshotAsync(admin, "/api/v1/locations"));
    }

    [Fact]
    public async Task Create_TooLongNameAndAddress_400NamesBothAndCreatesNothing()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var before = await AdminSetup.SnapshotAsync(admin, "/api/v1/locations");

        var response = await admin.PostAsJsonAsync("/api/v1/locations", new { name = new string('n', 201), address = new string('a', 401), timeZone = "UTC" });

        var problem = await response.ShouldBeValidationOfAsync("name");
        Assert.True(problem.GetProperty("errors").TryGetProperty("address", out _), problem.ToString());
        Assert.Equal(before, await AdminSetup.SnapshotAsync(admin, "/api/v1/locations"));
    }

    [Theory]
    [InlineData("""{"name":"Branch","timeZone":""")]
    [InlineData("""{"name":42,"timeZone":"America/New_York"}""")]
    [InlineData("""{"name":"Branch","timeZone":"America/New_York","openingHours":"always"}""")]
    [InlineData("")]
    public async Task Create_MalformedJson_400ValidationAndCreatesNothing(string json)
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var before = await AdminSetup.SnapshotAsync(admin, "/api/v1/locations");

        var response = await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/locations", json);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(before, await AdminSetup.SnapshotAsync(admin, "/api/v1/locations"));
    }

    [Fact]
    public async Task Update_NewDetails_VisibleInGetAndHoursKept()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var id = await AdminSetup.CreateLocationIdAsync(admin);
        var name = AdminSetup.Unique("Renamed");

        var response = await admin.PutAsJsonAsync($"/api/v1/locations/{id}", new { name, timeZone = "Pacific/Auckland" });

        var updated = await AdminSetup.OkAsync(response);
        Assert.Equal(name, updated.GetProperty("name").GetString());
        var fetched = await host.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/locations/{id}");
        Assert.Equal(name, fetched.GetProperty("name").GetString());
        Assert.Equal("Pacific/Auckland", fetched.GetProperty("timeZone").GetString());
        Assert.Equal(JsonValueKind.Null, fetched.GetProperty("address").ValueKind);
        Assert.Equal(1, fetched.GetProperty("openingHours").GetArrayLength());
    }

    [Fact]
    public async Task Update_UnknownId_404NotFound()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var response = await admin.PutAsJsonAsync($"/api/v1/locations/{Guid.NewGuid()}", new { name = "Nowhere", timeZone = "America/New_York" });
        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("""{"name":"","timeZone":"America/New_York"}""", "name")]
    [InlineData("""{"name":"Branch","timeZone":"Atlantis/Capital"}""", "timeZone")]
    [InlineData("""{"name":"Branch"}""", "timeZone")]
    public async Task Update_BadField_400NamesFieldAndChangesNothing(string json, string field)
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var id = await AdminSetup.CreateLocationIdAsync(admin);
        var before = await AdminSetup.SnapshotAsync(admin, $"/api/v1/locations/{id}");

        var response = await admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/locations/{id}", json);

        await response.ShouldBeValidationOfAsync(field);
        Assert.Equal(before, await AdminSetup.SnapshotAsync(admin, $"/api/v1/locations/{id}"));
    }
}
