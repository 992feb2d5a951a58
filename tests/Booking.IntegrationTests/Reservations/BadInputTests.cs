using System.Net;
using System.Net.Http.Json;
using System.Text;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Reservations;

/// <summary>Bad input gets a clear problem, never a 500, and writes nothing.</summary>
public sealed class BadInputTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Theory]
    [InlineData("{ not json", "")]
    [InlineData("{\"resourceId\": \"RID\", \"start\": \"2026-01-13T10:00:00\", \"end\": \"2026-01-13T11:00:00\"}", "offset")]
    [InlineData("{\"resourceId\": \"RID\", \"start\": \"tomorrow\", \"end\": \"2026-01-13T11:00:00-05:00\"}", "offset")]
    [InlineData("{\"resourceId\": \"RID\", \"start\": 12, \"end\": \"2026-01-13T11:00:00-05:00\"}", "")]
    [InlineData("{\"resourceId\": \"not-a-guid\", \"start\": \"2026-01-13T10:00:00-05:00\", \"end\": \"2026-01-13T11:00:00-05:00\"}", "")]
    [InlineData("{\"start\": \"2026-01-13T10:00:00-05:00\"}", "resourceId")]
    [InlineData("{\"resourceId\": \"RID\", \"start\": \"2026-01-13T11:00:00-05:00\", \"end\": \"2026-01-13T10:00:00-05:00\"}", "end")]
    [InlineData("{}", "start")]
    public async Task Book_MalformedOrIncomplete_400ValidationAndNothingWritten(string body, string mentions)
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();

        var content = new StringContent(body.Replace("RID", room.Id.ToString(), StringComparison.Ordinal), Encoding.UTF8, "application/json");
        var response = await patron.Http.PostAsync("/api/v1/reservations", content);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Contains(mentions, problem.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await host.InScopeAsync(db => db.Reservations.CountAsync(r => r.ResourceId == room.Id)));
    }

    [Fact]
    public async Task Book_EmptyBody_400()
    {
        var patron = await host.SignInNewAsync();
        var response = await patron.Http.PostAsync("/api/v1/reservations", new StringContent("", Encoding.UTF8, "application/json"));
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task Book_UnknownResource_404()
    {
        var patron = await host.SignInNewAsync();
        var start = Local(Zone, "2026-01-13T10:00");
        await (await patron.Http.BookAsync(Guid.NewGuid(), start, start.AddHours(1))).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Book_AYearLong_422Duration()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var start = Local(Zone, "2026-01-13T10:00");
        await (await patron.Http.BookAsync(room.Id, start, start.AddYears(1))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "duration");
    }

    [Fact]
    public async Task Book_NotSignedIn_401WithoutCode()
    {
        var start = Local(Zone, "2026-01-13T10:00");
        var response = await host.CreateClient().BookAsync(Guid.NewGuid(), start, start.AddHours(1));
        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, null);
    }

    [Theory]
    [InlineData("/api/v1/resources/RID/availability?from=2026-01-13T10:00:00", "from")]
    [InlineData("/api/v1/resources/RID/availability?from=2026-01-13T10:00:00Z&to=2026-06-13T10:00:00Z", "to")]
    [InlineData("/api/v1/availability?kind=room&start=2026-01-13T10:00:00Z", "end")]
    [InlineData("/api/v1/availability?kind=spaceship&start=2026-01-13T10:00:00Z&end=2026-01-13T11:00:00Z", "kind")]
    public async Task Availability_BadQuery_400NamingTheField(string url, string field)
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var response = await host.CreateClient().GetAsync(url.Replace("RID", room.Id.ToString(), StringComparison.Ordinal));
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Maintenance_MissingReason_400AndNothingCancelled()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var staff = await host.SignInNewAsync(Data.Identity.Roles.Staff);
        var start = Local(Zone, "2026-01-13T10:00");
        var response = await staff.Http.PostAsJsonAsync($"/api/v1/resources/{room.Id}/maintenance", new { start, end = start.AddHours(1) });
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(0, await host.InScopeAsync(db => db.MaintenanceBlocks.CountAsync(b => b.ResourceId == room.Id)));
    }
}
