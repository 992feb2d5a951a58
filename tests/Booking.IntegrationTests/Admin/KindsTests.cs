using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Booking.Data.Identity;
using Booking.IntegrationTests.Infrastructure;

namespace Booking.IntegrationTests.Admin;

public sealed class KindsTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private async Task<JsonElement?> FindKindAsync(string code)
    {
        var kinds = await host.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/kinds");
        return kinds.EnumerateArray().Cast<JsonElement?>().FirstOrDefault(k => k!.Value.GetProperty("code").GetString() == code);
    }

    [Fact]
    public async Task List_Anonymous_BuiltInKindsWithTheirPolicies()
    {
        var kinds = await host.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/kinds");

        var codes = kinds.EnumerateArray().Select(k => k.GetProperty("code").GetString()).ToList();
        Assert.Subset(codes.ToHashSet(), new HashSet<string?> { "room", "3d-printer", "laser-cutter", "laptop", "coworking-desk" });
        var cutter = kinds.EnumerateArray().Single(k => k.GetProperty("code").GetString() == "laser-cutter");
        Assert.Equal("Laser cutter", cutter.GetProperty("name").GetString());
        Assert.Equal(15, cutter.GetProperty("policy").GetProperty("slotMinutes").GetInt32());
    }

    [Fact]
    public async Task Create_WithoutPolicy_201WithDefaultPolicyAndListed()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var code = AdminSetup.UniqueKindCode();

        var response = await admin.PostAsJsonAsync("/api/v1/kinds", new { code, name = "Sewing machine" });

        var created = await AdminSetup.CreatedAsync(response);
        Assert.Equal($"/api/v1/kinds/{code}", response.Headers.Location?.OriginalString);
        Assert.Equal(30, created.GetProperty("policy").GetProperty("slotMinutes").GetInt32());
        var listed = await FindKindAsync(code);
        Assert.NotNull(listed);
        Assert.Equal("Sewing machine", listed.Value.GetProperty("name").GetString());
        Assert.Equal(240, listed.Value.GetProperty("policy").GetProperty("maxDurationMinutes").GetInt32());
    }

    [Fact]
    public async Task Create_WithPolicy_PolicyStored()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var code = AdminSetup.UniqueKindCode();

        var response = await admin.PostAsJsonAsync("/api/v1/kinds", new { code, name = "Vinyl cutter", policy = AdminSetup.FullPolicy(15, 45, 90) });

        await AdminSetup.CreatedAsync(response);
        var policy = (await FindKindAsync(code))!.Value.GetProperty("policy");
        Assert.Equal(15, policy.GetProperty("slotMinutes").GetInt32());
        Assert.Equal(45, policy.GetProperty("minDurationMinutes").GetInt32());
        Assert.Equal(90, policy.GetProperty("maxDurationMinutes").GetInt32());
        Assert.Equal(6, policy.GetProperty("maxHoursPerWeek").GetInt32());
        Assert.True(policy.GetProperty("requiresApproval").GetBoolean());
    }

    [Fact]
    public async Task Create_ExistingCode_409ConflictAndKindUnchanged()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var before = await AdminSetup.SnapshotAsync(admin, "/api/v1/kinds");

        var response = await admin.PostAsJsonAsync("/api/v1/kinds", new { code = "room", name = "Another room kind" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Equal(before, await AdminSetup.SnapshotAsync(admin, "/api/v1/kinds"));
    }

    [Theory]
    [InlineData("""{"name":"No code"}""", "code")]
    [InlineData("""{"code":"Sewing Machine","name":"Bad code"}""", "code")]
    [InlineData("""{"code":"-dash-first","name":"Bad code"}""", "code")]
    [InlineData("""{"code":"k-no-name"}""", "name")]
    [InlineData("""{"code":"k-blank-name","name":" "}""", "name")]
    [InlineData("""{"code":"k-half-policy","name":"Half","policy":{"slotMinutes":30}}""", "policy.minDurationMinutes")]
    [InlineData("""{"code":"k-bad-policy","name":"Bad","policy":{"slotMinutes":7,"minDurationMinutes":30,"maxDurationMinutes":60,"bufferAfterMinutes":0,"leadTimeMinutes":0,"advanceWindowDays":7,"checkInOpensMinutesBefore":0,"noShowGraceMinutes":0,"requiresApproval":false}}""", "policy")]
    public async Task Create_BadInput_400NamesFieldAndCreatesNothing(string json, string field)
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var before = await AdminSetup.SnapshotAsync(admin, "/api/v1/kinds");

        var response = await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/kinds", json);

        await response.ShouldBeValidationOfAsync(field);
        Assert.Equal(before, await AdminSetup.SnapshotAsync(admin, "/api/v1/kinds"));
    }

    [Fact]
    public async Task ChangePolicy_Valid_VisibleInListAndOnResourcesOfThatKind()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var code = (await AdminSetup.CreateKindAsync(admin)).GetProperty("code").GetString()!;
        var location = await AdminSetup.CreateLocationIdAsync(admin);
        var resource = (await AdminSetup.CreateResourceAsync(admin, location, code)).GetProperty("id").GetGuid();
        var policy = AdminSetup.FullPolicy(60, 60, 180);
        policy["maxActiveReservations"] = null;

        var response = await admin.PutAsJsonAsync($"/api/v1/kinds/{code}/policy", policy);

        var changed = await AdminSetup.OkAsync(response);
        Assert.Equal(60, changed.GetProperty("policy").GetProperty("slotMinutes").GetInt32());
        var listed = (await FindKindAsync(code))!.Value.GetProperty("policy");
        Assert.Equal(180, listed.GetProperty("maxDurationMinutes").GetInt32());
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("maxActiveReservations").ValueKind);
        var effective = (await host.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/resources/{resource}")).GetProperty("policy");
        Assert.Equal(60, effective.GetProperty("slotMinutes").GetInt32());
        Assert.Equal(180, effective.GetProperty("maxDurationMinutes").GetInt32());
    }

    [Theory]
    [InlineData("slotMinutes", 7, "policy")]
    [InlineData("slotMinutes", 0, "policy")]
    [InlineData("minDurationMinutes", 45, "policy")]
    [InlineData("advanceWindowDays", 0, "policy")]
    [InlineData("bufferAfterMinutes", -5, "policy")]
    [InlineData("maxHoursPerWeek", 500, "policy")]
    [InlineData("leadTimeMinutes", null, "leadTimeMinutes")]
    [InlineData("requiresApproval", null, "requiresApproval")]
    public async Task ChangePolicy_BadField_400NamesFieldAndChangesNothing(string property, int? value, string field)
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var code = (await AdminSetup.CreateKindAsync(admin)).GetProperty("code").GetString()!;
        var before = await AdminSetup.SnapshotAsync(admin, "/api/v1/kinds");
        var policy = AdminSetup.FullPolicy();
        if (value is null)
        {
            policy.Remove(property);
        }
        else
        {
            policy[property] = value;
        }

        var response = await admin.PutAsJsonAsync($"/api/v1/kinds/{code}/policy", policy);

        await response.ShouldBeValidationOfAsync(field);
        Assert.Equal(before, await AdminSetup.SnapshotAsync(admin, "/api/v1/kinds"));
    }

    [Fact]
    public async Task ChangePolicy_MakesAResourceOverrideUnusable_400NamesResourceAndChangesNothing()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var code = (await AdminSetup.CreateKindAsync(admin)).GetProperty("code").GetString()!;
        var location = await AdminSetup.CreateLocationIdAsync(admin);
        var resource = await AdminSetup.CreateResourceAsync(admin, location, code, new { minDurationMinutes = 30 });
        var before = await AdminSetup.SnapshotAsync(admin, "/api/v1/kinds");

        // Hour slots: the resource's 30-minute minimum would no longer be a whole number of slots.
        var response = await admin.PutAsJsonAsync($"/api/v1/kinds/{code}/policy", AdminSetup.FullPolicy(60, 60, 180));

        var problem = await response.ShouldBeValidationOfAsync("policy");
        Assert.Contains(resource.GetProperty("name").GetString()!, problem.GetProperty("detail").GetString());
        Assert.Equal(before, await AdminSetup.SnapshotAsync(admin, "/api/v1/kinds"));
    }

    [Fact]
    public async Task ChangePolicy_UnknownKind_404NotFound()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var response = await admin.PutAsJsonAsync("/api/v1/kinds/no-such-kind/policy", AdminSetup.FullPolicy());
        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task ChangePolicy_MalformedJson_400ValidationAndChangesNothing()
    {
        var admin = (await host.SignInNewAsync(Roles.Admin)).Http;
        var code = (await AdminSetup.CreateKindAsync(admin)).GetProperty("code").GetString()!;
        var before = await AdminSetup.SnapshotAsync(admin, "/api/v1/kinds");

        var response = await admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/kinds/{code}/policy", """{"slotMinutes":"thirty"}""");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(before, await AdminSetup.SnapshotAsync(admin, "/api/v1/kinds"));
    }
}
