using System.Net;
using System.Text;
using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Booking.IntegrationTests.Reservations;

/// <summary>Times and dates outside the years the library serves are a 400 naming the field, on every endpoint and page, and write nothing.</summary>
public sealed class DateWindowTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Theory]
    [InlineData(Roles.Patron, "POST", "/api/v1/reservations", "{\"resourceId\":\"RID\",\"start\":\"9999-12-31T10:00:00Z\",\"end\":\"9999-12-31T11:00:00Z\"}", "start")]
    [InlineData(Roles.Patron, "POST", "/api/v1/reservations", "{\"resourceId\":\"RID\",\"start\":\"2026-01-13T10:00:00Z\",\"end\":\"2101-01-01T00:00:00Z\"}", "end")]
    [InlineData(Roles.Patron, "POST", "/api/v1/waitlist", "{\"resourceId\":\"RID\",\"start\":\"9999-12-31T10:00:00Z\",\"end\":\"9999-12-31T11:00:00Z\"}", "start")]
    [InlineData("", "GET", "/api/v1/resources/RID/availability?from=9999-12-30T00:00:00Z&to=9999-12-31T00:00:00Z", null, "from")]
    [InlineData("", "GET", "/api/v1/resources/RID/availability?from=1999-12-31T00:00:00Z", null, "from")]
    [InlineData("", "GET", "/api/v1/availability?kind=room&start=9999-12-31T10:00:00Z&end=9999-12-31T11:00:00Z", null, "start")]
    [InlineData("", "GET", "/api/v1/sessions?from=0001-01-01T00:00:00Z", null, "from")]
    [InlineData(Roles.Staff, "GET", "/api/v1/reservations?date=9999-12-31", null, "date")]
    [InlineData(Roles.Staff, "POST", "/api/v1/resources/RID/maintenance", "{\"start\":\"9999-12-30T10:00:00Z\",\"end\":\"9999-12-31T10:00:00Z\",\"reason\":\"Far future\"}", "start")]
    [InlineData(Roles.Admin, "POST", "/api/v1/locations/LID/closures", "{\"date\":\"9999-12-31\",\"reason\":\"Far future\"}", "date")]
    [InlineData(Roles.Admin, "POST", "/api/v1/locations/LID/closures", "{\"startsLocal\":\"9999-12-31T10:00\",\"endsLocal\":\"9999-12-31T11:00\",\"reason\":\"Far future\"}", "startsLocal")]
    [InlineData(Roles.Staff, "POST", "/api/v1/patrons/PID/certifications", "{\"certificationId\":\"CID\",\"expiresAt\":\"9999-12-31T00:00:00Z\"}", "expiresAt")]
    [InlineData(Roles.Staff, "POST", "/api/v1/sessions", "{\"kind\":\"workshop\",\"title\":\"Far\",\"roomId\":\"RID\",\"start\":\"9999-12-31T10:00:00Z\",\"end\":\"9999-12-31T11:00:00Z\",\"capacity\":5}", "start")]
    public async Task Api_OutsideTheYearsServed_400ValidationNamingTheFieldNothingWritten(string role, string method, string url, string? body, string field)
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var certificationId = await host.InScopeAsync(async db =>
        {
            var definition = new Booking.Domain.Certifications.CertificationDefinition($"Safety {Guid.NewGuid():N}", "", 12, [], host.Clock.GetUtcNow().UtcDateTime);
            db.Certifications.Add(definition);
            await db.SaveChangesAsync();
            return definition.Id;
        });
        string Fill(string text) => text.Replace("RID", room.Id.ToString(), StringComparison.Ordinal).Replace("LID", branch.Id.ToString(), StringComparison.Ordinal)
            .Replace("PID", patron.UserId.ToString(), StringComparison.Ordinal).Replace("CID", certificationId.ToString(), StringComparison.Ordinal);
        var client = role == "" ? host.CreateClient() : role == Roles.Patron ? patron.Http : (await host.SignInNewAsync(role)).Http;

        var request = new HttpRequestMessage(new HttpMethod(method), Fill(url));
        if (body is not null)
        {
            request.Content = new StringContent(Fill(body), Encoding.UTF8, "application/json");
        }

        var problem = await (await client.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(0, await host.InScopeAsync(db => db.Reservations.CountAsync(r => r.ResourceId == room.Id)));
        Assert.Equal(0, await host.InScopeAsync(db => db.MaintenanceBlocks.CountAsync(b => b.ResourceId == room.Id)));
        Assert.Equal(0, await host.InScopeAsync(db => db.Sessions.CountAsync(s => s.RoomId == room.Id)));
        Assert.Equal(0, await host.InScopeAsync(db => db.CertificationGrants.CountAsync(g => g.PatronId == patron.UserId)));
        Assert.Equal(0, await host.InScopeAsync(async db => (await db.Locations.SingleAsync(l => l.Id == branch.Id)).Closures.Count));
    }

    [Theory]
    [InlineData(Roles.Patron, "/resources/RID?week=9999-12-31")]
    [InlineData("", "/resources/RID?day=0001-01-01")]
    [InlineData("", "/resources/RID?day=2101-01-01")]
    [InlineData(Roles.Staff, "/desk?date=9999-12-31")]
    public async Task Pages_OutsideTheYearsServed_400SaidInWords(string role, string url)
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var client = role == "" ? host.CreateClient() : (await host.SignInNewAsync(role)).Http;

        var response = await client.GetAsync(url.Replace("RID", room.Id.ToString(), StringComparison.Ordinal));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(Instants.OutsideWindow, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BookingForm_StartOutsideTheYearsServed_FormWithoutPrefill()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();

        var response = await patron.Http.GetAsync($"/reservations/new?resourceId={room.Id}&start=9999-12-31T10:00");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("9999", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaintenancePage_BlockOutsideTheYearsServed_RefusedBesideTheFormNothingWritten()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var desk = new PageSession(host);
        await desk.SignInAsync(staff.Email, MakerspaceHost.Password);

        var page = $"/desk/maintenance?locationId={branch.Id}";
        var (status, html, _) = await desk.SubmitAsync(page, $"/desk/maintenance?handler=Block&locationId={branch.Id}", new Dictionary<string, string>
        {
            ["ResourceId"] = room.Id.ToString(),
            ["Start"] = "9999-12-30T10:00",
            ["End"] = "9999-12-31T10:00",
            ["Reason"] = "Far future",
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(Instants.OutsideWindow, html, StringComparison.Ordinal);
        Assert.Equal(0, await host.InScopeAsync(db => db.MaintenanceBlocks.CountAsync(b => b.ResourceId == room.Id)));
    }
}
