using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Booking.Data.Identity;
using Booking.IntegrationTests.Infrastructure;

namespace Booking.IntegrationTests.Admin;

public sealed class ResourcesAdminTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    [Fact]
    public async Task Create_Valid_201AndVisibleInGetAndList()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var location = await AdminSetup.CreateLocationAsync(admin);
        var locationId = location.GetProperty("id").GetGuid();
        var name = AdminSetup.Unique("Maker room");

        var response = await admin.PostAsJsonAsync("/api/v1/resources",
            new { name, kind = "room", locationId, description = "Tables and a sink.", capacity = 8 });

        var created = await AdminSetup.CreatedAsync(response);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/resources/{id}", response.Headers.Location?.OriginalString);
        var anonymous = host.CreateClient();
        var fetched = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/resources/{id}");
        Assert.Equal(name, fetched.GetProperty("name").GetString());
        Assert.Equal("room", fetched.GetProperty("kind").GetString());
        Assert.Equal("Room", fetched.GetProperty("kindName").GetString());
        Assert.Equal(location.GetProperty("name").GetString(), fetched.GetProperty("locationName").GetString());
        Assert.Equal("Tables and a sink.", fetched.GetProperty("description").GetString());
        Assert.Equal(8, fetched.GetProperty("capacity").GetInt32());
        Assert.Equal("active", fetched.GetProperty("status").GetString());
        Assert.Equal(15, fetched.GetProperty("policy").GetProperty("bufferAfterMinutes").GetInt32());
        var atBranch = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/resources?locationId={locationId}&kind=room");
        Assert.Equal(id, Assert.Single(atBranch.EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Create_OnlyRequiredFields_CapacityOneAndKindPolicy()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var locationId = await AdminSetup.CreateLocationIdAsync(admin);

        var response = await admin.PostAsJsonAsync("/api/v1/resources", new { name = AdminSetup.Unique("Printer"), kind = "3d-printer", locationId });

        var created = await AdminSetup.CreatedAsync(response);
        Assert.Equal(1, created.GetProperty("capacity").GetInt32());
        Assert.Equal("", created.GetProperty("description").GetString());
        Assert.Equal(480, created.GetProperty("policy").GetProperty("maxDurationMinutes").GetInt32());
    }

    [Fact]
    public async Task Create_WithPolicyOverride_EffectivePolicyHasOverride()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var locationId = await AdminSetup.CreateLocationIdAsync(admin);

        var created = await AdminSetup.CreateResourceAsync(admin, locationId, "laser-cutter", new { bufferAfterMinutes = 30, requiresApproval = true });

        var policy = (await host.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/resources/{created.GetProperty("id").GetGuid()}")).GetProperty("policy");
        Assert.Equal(30, policy.GetProperty("bufferAfterMinutes").GetInt32());
        Assert.True(policy.GetProperty("requiresApproval").GetBoolean());
        Assert.Equal(15, policy.GetProperty("slotMinutes").GetInt32());
    }

    [Fact]
    public async Task Create_OfAnAdminAddedKind_201()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var kind = await AdminSetup.CreateKindAsync(admin);
        var locationId = await AdminSetup.CreateLocationIdAsync(admin);

        var created = await AdminSetup.CreateResourceAsync(admin, locationId, kind.GetProperty("code").GetString()!);

        Assert.Equal(kind.GetProperty("name").GetString(), created.GetProperty("kindName").GetString());
    }

    [Theory]
    [InlineData("""{"kind":"room","locationId":"{location}"}""", "name")]
    [InlineData("""{"name":"  ","kind":"room","locationId":"{location}"}""", "name")]
    [InlineData("""{"name":"R","locationId":"{location}"}""", "kind")]
    [InlineData("""{"name":"R","kind":"spaceship","locationId":"{location}"}""", "kind")]
    [InlineData("""{"name":"R","kind":"room"}""", "locationId")]
    [InlineData("""{"name":"R","kind":"room","locationId":"{unknown}"}""", "locationId")]
    [InlineData("""{"name":"R","kind":"room","locationId":"{location}","capacity":0}""", "capacity")]
    [InlineData("""{"name":"R","kind":"room","locationId":"{location}","capacity":5000}""", "capacity")]
    [InlineData("""{"name":"R","kind":"room","locationId":"{location}","policy":{"minDurationMinutes":45}}""", "policy")]
    [InlineData("""{"name":"R","kind":"room","locationId":"{location}","policy":{"maxDurationMinutes":10}}""", "policy")]
    [InlineData("""{"name":"R","kind":"room","locationId":"{location}","policy":{"slotMinutes":0}}""", "policy")]
    public async Task Create_BadField_400NamesFieldAndCreatesNothing(string template, string field)
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var locationId = await AdminSetup.CreateLocationIdAsync(admin);
        var json = template.Replace("{location}", locationId.ToString()).Replace("{unknown}", Guid.NewGuid().ToString());
        var before = await AdminSetup.SnapshotAsync(admin, "/api/v1/resources");

        var response = await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/resources", json);

        await response.ShouldBeValidationOfAsync(field);
        Assert.Equal(before, await AdminSetup.SnapshotAsync(admin, "/api/v1/resources"));
    }

    [Fact]
    public async Task Create_TooLongDescription_400NamesFieldAndCreatesNothing()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var locationId = await AdminSetup.CreateLocationIdAsync(admin);
        var before = await AdminSetup.SnapshotAsync(admin, "/api/v1/resources");

        var response = await admin.PostAsJsonAsync("/api/v1/resources", new { name = "R", kind = "room", locationId, description = new string('d', 2001) });

        await response.ShouldBeValidationOfAsync("description");
        Assert.Equal(before, await AdminSetup.SnapshotAsync(admin, "/api/v1/resources"));
    }

    [Fact]
    public async Task Create_UnknownKind_400NamesAllowedKinds()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var locationId = await AdminSetup.CreateLocationIdAsync(admin);

        var response = await admin.PostAsJsonAsync("/api/v1/resources", new { name = "R", kind = "spaceship", locationId });

        var problem = await response.ShouldBeValidationOfAsync("kind");
        var message = problem.GetProperty("errors").GetProperty("kind")[0].GetString()!;
        Assert.Contains("spaceship", message);
        foreach (var kind in new[] { "room", "3d-printer", "laser-cutter", "laptop", "coworking-desk" })
        {
            Assert.Contains(kind, message);
        }
    }

    [Theory]
    [InlineData("""{"name":"R","kind":"room","locationId":"not-a-guid"}""")]
    [InlineData("""{"name":"R","kind":"room","locationId":"{location}","capacity":"many"}""")]
    [InlineData("""{"name":"R","kind":"room","locationId":"{location}","policy":[]}""")]
    [InlineData("""{"name":"R",""")]
    public async Task Create_MalformedJson_400ValidationAndCreatesNothing(string template)
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var locationId = await AdminSetup.CreateLocationIdAsync(admin);
        var before = await AdminSetup.SnapshotAsync(admin, "/api/v1/resources");

        var response = await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/resources", template.Replace("{location}", locationId.ToString()));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(before, await AdminSetup.SnapshotAsync(admin, "/api/v1/resources"));
    }

    [Fact]
    public async Task Update_EveryField_VisibleInGet()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var firstBranch = await AdminSetup.CreateLocationIdAsync(admin);
        var secondBranch = await AdminSetup.CreateLocationAsync(admin);
        var id = (await AdminSetup.CreateResourceAsync(admin, firstBranch, "room")).GetProperty("id").GetGuid();
        var name = AdminSetup.Unique("Desk area");

        var response = await admin.PutAsJsonAsync($"/api/v1/resources/{id}", new
        {
            name,
            kind = "coworking-desk",
            locationId = secondBranch.GetProperty("id").GetGuid(),
            description = "By the window.",
            capacity = 12,
            policy = new { maxHoursPerWeek = 20 },
        });

        await AdminSetup.OkAsync(response);
        var fetched = await host.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/resources/{id}");
        Assert.Equal(name, fetched.GetProperty("name").GetString());
        Assert.Equal("coworking-desk", fetched.GetProperty("kind").GetString());
        Assert.Equal(secondBranch.GetProperty("name").GetString(), fetched.GetProperty("locationName").GetString());
        Assert.Equal("By the window.", fetched.GetProperty("description").GetString());
        Assert.Equal(12, fetched.GetProperty("capacity").GetInt32());
        Assert.Equal(20, fetched.GetProperty("policy").GetProperty("maxHoursPerWeek").GetInt32());
        Assert.Equal(240, fetched.GetProperty("policy").GetProperty("minDurationMinutes").GetInt32());
    }

    [Fact]
    public async Task Update_WithoutPolicy_OverrideCleared()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var locationId = await AdminSetup.CreateLocationIdAsync(admin);
        var created = await AdminSetup.CreateResourceAsync(admin, locationId, "room", new { bufferAfterMinutes = 45 });
        var id = created.GetProperty("id").GetGuid();

        var response = await admin.PutAsJsonAsync($"/api/v1/resources/{id}", new { name = created.GetProperty("name").GetString(), kind = "room", locationId });

        var updated = await AdminSetup.OkAsync(response);
        Assert.Equal(15, updated.GetProperty("policy").GetProperty("bufferAfterMinutes").GetInt32());
    }

    [Fact]
    public async Task Update_UnknownId_404NotFound()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var locationId = await AdminSetup.CreateLocationIdAsync(admin);
        var response = await admin.PutAsJsonAsync($"/api/v1/resources/{Guid.NewGuid()}", new { name = "R", kind = "room", locationId });
        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("""{"name":"","kind":"room","locationId":"{location}"}""", "name")]
    [InlineData("""{"name":"R","kind":"hovercraft","locationId":"{location}"}""", "kind")]
    [InlineData("""{"name":"R","kind":"room","locationId":"{unknown}"}""", "locationId")]
    [InlineData("""{"name":"R","kind":"room","locationId":"{location}","capacity":-1}""", "capacity")]
    [InlineData("""{"name":"R","kind":"room","locationId":"{location}","policy":{"advanceWindowDays":0}}""", "policy")]
    public async Task Update_BadField_400NamesFieldAndChangesNothing(string template, string field)
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var locationId = await AdminSetup.CreateLocationIdAsync(admin);
        var id = (await AdminSetup.CreateResourceAsync(admin, locationId)).GetProperty("id").GetGuid();
        var json = template.Replace("{location}", locationId.ToString()).Replace("{unknown}", Guid.NewGuid().ToString());
        var before = await AdminSetup.SnapshotAsync(admin, $"/api/v1/resources/{id}");

        var response = await admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/resources/{id}", json);

        await response.ShouldBeValidationOfAsync(field);
        Assert.Equal(before, await AdminSetup.SnapshotAsync(admin, $"/api/v1/resources/{id}"));
    }
}
