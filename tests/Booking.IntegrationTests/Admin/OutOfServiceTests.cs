using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Booking.Data.Identity;
using Booking.IntegrationTests.Infrastructure;

namespace Booking.IntegrationTests.Admin;

public sealed class OutOfServiceTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private async Task<Guid> NewResourceAsync()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var locationId = await AdminSetup.CreateLocationIdAsync(admin);
        return (await AdminSetup.CreateResourceAsync(admin, locationId, "3d-printer")).GetProperty("id").GetGuid();
    }

    [Theory]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.Admin)]
    public async Task TakeOutOfService_StaffOrAdmin_StatusAndReasonVisible(string role)
    {
        var id = await NewResourceAsync();
        var client = (await host.SignInNewAsync(role)).Http;

        var response = await client.PostAsJsonAsync($"/api/v1/resources/{id}/out-of-service", new { reason = "Nozzle clogged" });

        var answered = await AdminSetup.OkAsync(response);
        Assert.Equal("out-of-service", answered.GetProperty("status").GetString());
        var fetched = await host.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/resources/{id}");
        Assert.Equal("out-of-service", fetched.GetProperty("status").GetString());
        Assert.Equal("Nozzle clogged", fetched.GetProperty("outOfServiceReason").GetString());
    }

    [Fact]
    public async Task ReturnToService_Staff_ActiveAgainWithoutReason()
    {
        var id = await NewResourceAsync();
        var staff = (await host.SignInNewAsync(Roles.Staff)).Http;
        await AdminSetup.OkAsync(await staff.PostAsJsonAsync($"/api/v1/resources/{id}/out-of-service", new { reason = "Bed levelling" }));

        var response = await staff.PostAsync($"/api/v1/resources/{id}/return-to-service", null);

        await AdminSetup.OkAsync(response);
        var fetched = await host.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/resources/{id}");
        Assert.Equal("active", fetched.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, fetched.GetProperty("outOfServiceReason").ValueKind);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"reason":"   "}""")]
    public async Task TakeOutOfService_NoReason_400NamesReasonAndStillActive(string json)
    {
        var id = await NewResourceAsync();
        var staff = (await host.SignInNewAsync(Roles.Staff)).Http;
        var before = await AdminSetup.SnapshotAsync(staff, $"/api/v1/resources/{id}");

        var response = await staff.SendJsonAsync(HttpMethod.Post, $"/api/v1/resources/{id}/out-of-service", json);

        await response.ShouldBeValidationOfAsync("reason");
        Assert.Equal(before, await AdminSetup.SnapshotAsync(staff, $"/api/v1/resources/{id}"));
    }

    [Fact]
    public async Task TakeOutOfService_MalformedJson_400ValidationAndStillActive()
    {
        var id = await NewResourceAsync();
        var staff = (await host.SignInNewAsync(Roles.Staff)).Http;
        var before = await AdminSetup.SnapshotAsync(staff, $"/api/v1/resources/{id}");

        var response = await staff.SendJsonAsync(HttpMethod.Post, $"/api/v1/resources/{id}/out-of-service", """{"reason":""");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(before, await AdminSetup.SnapshotAsync(staff, $"/api/v1/resources/{id}"));
    }

    [Fact]
    public async Task TakeOutOfService_UnknownResource_404NotFound()
    {
        var staff = (await host.SignInNewAsync(Roles.Staff)).Http;
        var response = await staff.PostAsJsonAsync($"/api/v1/resources/{Guid.NewGuid()}/out-of-service", new { reason = "Broken" });
        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task ReturnToService_UnknownResource_404NotFound()
    {
        var staff = (await host.SignInNewAsync(Roles.Staff)).Http;
        var response = await staff.PostAsync($"/api/v1/resources/{Guid.NewGuid()}/return-to-service", null);
        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }
}
