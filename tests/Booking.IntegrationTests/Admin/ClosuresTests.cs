using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Booking.Data.Identity;
using Booking.IntegrationTests.Infrastructure;

namespace Booking.IntegrationTests.Admin;

public sealed class ClosuresTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    [Fact]
    public async Task AddClosure_PartOfADay_201AndVisibleOnTheLocation()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var id = await AdminSetup.CreateLocationIdAsync(admin);

        var response = await admin.PostAsJsonAsync($"/api/v1/locations/{id}/closures",
            new { startsLocal = "2026-12-24T13:00", endsLocal = "2026-12-24T18:00", reason = "Christmas Eve afternoon" });

        var closure = await AdminSetup.CreatedAsync(response);
        var closureId = closure.GetProperty("id").GetGuid();
        Assert.Equal("2026-12-24T13:00:00", closure.GetProperty("startsLocal").GetString());
        Assert.Equal("2026-12-24T18:00:00", closure.GetProperty("endsLocal").GetString());
        Assert.Equal($"/api/v1/locations/{id}/closures/{closureId}", response.Headers.Location?.OriginalString);

        var anonymous = host.CreateClient();
        var fromHeader = await anonymous.GetFromJsonAsync<JsonElement>(response.Headers.Location);
        Assert.Equal("Christmas Eve afternoon", fromHeader.GetProperty("reason").GetString());
        var location = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/locations/{id}");
        var listed = Assert.Single(location.GetProperty("closures").EnumerateArray());
        Assert.Equal(closureId, listed.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task AddClosure_WholeDate_MidnightToMidnightLocal()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var id = await AdminSetup.CreateLocationIdAsync(admin);

        var response = await admin.PostAsJsonAsync($"/api/v1/locations/{id}/closures", new { date = "2026-12-25", reason = "Christmas Day" });

        var closure = await AdminSetup.CreatedAsync(response);
        Assert.Equal("2026-12-25T00:00:00", closure.GetProperty("startsLocal").GetString());
        Assert.Equal("2026-12-26T00:00:00", closure.GetProperty("endsLocal").GetString());
        var location = await host.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/locations/{id}");
        Assert.Equal("Christmas Day", Assert.Single(location.GetProperty("closures").EnumerateArray()).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task AddClosure_Several_ListedInOrder()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var id = await AdminSetup.CreateLocationIdAsync(admin);

        await AdminSetup.CreatedAsync(await admin.PostAsJsonAsync($"/api/v1/locations/{id}/closures", new { date = "2026-12-31", reason = "New Year's Eve" }));
        await AdminSetup.CreatedAsync(await admin.PostAsJsonAsync($"/api/v1/locations/{id}/closures", new { date = "2026-12-25", reason = "Christmas Day" }));

        var location = await host.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/locations/{id}");
        Assert.Equal(["Christmas Day", "New Year's Eve"], location.GetProperty("closures").EnumerateArray().Select(c => c.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task RemoveClosure_Existing_204AndGone()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var id = await AdminSetup.CreateLocationIdAsync(admin);
        var keep = await AdminSetup.CreatedAsync(await admin.PostAsJsonAsync($"/api/v1/locations/{id}/closures", new { date = "2026-07-04", reason = "Independence Day" }));
        var remove = await AdminSetup.CreatedAsync(await admin.PostAsJsonAsync($"/api/v1/locations/{id}/closures", new { date = "2026-11-26", reason = "Thanksgiving" }));
        var removeId = remove.GetProperty("id").GetGuid();

        var response = await admin.DeleteAsync($"/api/v1/locations/{id}/closures/{removeId}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var location = await host.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/locations/{id}");
        var left = Assert.Single(location.GetProperty("closures").EnumerateArray());
        Assert.Equal(keep.GetProperty("id").GetGuid(), left.GetProperty("id").GetGuid());
        await (await host.CreateClient().GetAsync($"/api/v1/locations/{id}/closures/{removeId}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task RemoveClosure_UnknownClosure_404AndNothingRemoved()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var id = await AdminSetup.CreateLocationIdAsync(admin);
        await AdminSetup.CreatedAsync(await admin.PostAsJsonAsync($"/api/v1/locations/{id}/closures", new { date = "2026-07-04", reason = "Independence Day" }));
        var before = await AdminSetup.SnapshotAsync(admin, $"/api/v1/locations/{id}");

        var response = await admin.DeleteAsync($"/api/v1/locations/{id}/closures/{Guid.NewGuid()}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal(before, await AdminSetup.SnapshotAsync(admin, $"/api/v1/locations/{id}"));
    }

    [Fact]
    public async Task RemoveClosure_ClosureOfAnotherLocation_404AndKept()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var owner = await AdminSetup.CreateLocationIdAsync(admin);
        var other = await AdminSetup.CreateLocationIdAsync(admin);
        var closure = await AdminSetup.CreatedAsync(await admin.PostAsJsonAsync($"/api/v1/locations/{owner}/closures", new { date = "2026-07-04", reason = "Independence Day" }));

        var response = await admin.DeleteAsync($"/api/v1/locations/{other}/closures/{closure.GetProperty("id").GetGuid()}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        var location = await host.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/locations/{owner}");
        Assert.Single(location.GetProperty("closures").EnumerateArray());
    }

    [Fact]
    public async Task AddClosure_UnknownLocation_404NotFound()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var response = await admin.PostAsJsonAsync($"/api/v1/locations/{Guid.NewGuid()}/closures", new { date = "2026-12-25", reason = "Christmas Day" });
        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("""{"startsLocal":"2026-12-24T18:00","endsLocal":"2026-12-24T13:00","reason":"Backwards"}""", "endsLocal")]
    [InlineData("""{"startsLocal":"2026-12-24T13:00","endsLocal":"2026-12-24T13:00","reason":"Empty"}""", "endsLocal")]
    [InlineData("""{"startsLocal":"2026-12-24T13:00+01:00","endsLocal":"2026-12-24T18:00","reason":"Offset"}""", "startsLocal")]
    [InlineData("""{"startsLocal":"2026-12-24T13:00","endsLocal":"2026-12-24T18:00Z","reason":"Utc"}""", "endsLocal")]
    [InlineData("""{"startsLocal":"24/12/2026 13:00","endsLocal":"2026-12-24T18:00","reason":"Format"}""", "startsLocal")]
    [InlineData("""{"startsLocal":"2026-12-24T13:00","reason":"No end"}""", "endsLocal")]
    [InlineData("""{"date":"2026-12-25","startsLocal":"2026-12-24T13:00","endsLocal":"2026-12-24T18:00","reason":"Both"}""", "date")]
    [InlineData("""{"reason":"Neither"}""", "date")]
    [InlineData("""{"date":"25 December","reason":"Bad date"}""", "date")]
    [InlineData("""{"date":"2026-02-30","reason":"No such day"}""", "date")]
    [InlineData("""{"date":"2026-12-25"}""", "reason")]
    [InlineData("""{"date":"2026-12-25","reason":"  "}""", "reason")]
    public async Task AddClosure_BadInput_400NamesFieldAndChangesNothing(string json, string field)
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var id = await AdminSetup.CreateLocationIdAsync(admin);
        var before = await AdminSetup.SnapshotAsync(admin, $"/api/v1/locations/{id}");

        var response = await admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/locations/{id}/closures", json);

        await response.ShouldBeValidationOfAsync(field);
        Assert.Equal(before, await AdminSetup.SnapshotAsync(admin, $"/api/v1/locations/{id}"));
    }

    [Fact]
    public async Task AddClosure_TooLongReason_400NamesReasonAndChangesNothing()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var id = await AdminSetup.CreateLocationIdAsync(admin);
        var before = await AdminSetup.SnapshotAsync(admin, $"/api/v1/locations/{id}");

        var response = await admin.PostAsJsonAsync($"/api/v1/locations/{id}/closures", new { date = "2026-12-25", reason = new string('r', 301) });

        await response.ShouldBeValidationOfAsync("reason");
        Assert.Equal(before, await AdminSetup.SnapshotAsync(admin, $"/api/v1/locations/{id}"));
    }

    [Fact]
    public async Task AddClosure_MalformedJson_400ValidationAndChangesNothing()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var id = await AdminSetup.CreateLocationIdAsync(admin);
        var before = await AdminSetup.SnapshotAsync(admin, $"/api/v1/locations/{id}");

        var response = await admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/locations/{id}/closures", """{"date":"2026-12-25",""");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(before, await AdminSetup.SnapshotAsync(admin, $"/api/v1/locations/{id}"));
    }
}
