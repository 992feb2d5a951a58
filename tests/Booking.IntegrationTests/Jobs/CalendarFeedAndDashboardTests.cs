using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;

namespace Booking.IntegrationTests.Jobs;

/// <summary>Calendar feeds (private per patron, public busy times per resource) and the staff-only /jobs dashboard.</summary>
public sealed class CalendarFeedAndDashboardTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task PatronFeed_TokenWorksUntilRotated_UnknownIs404()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var start = host.Clock.DaysAhead(Zone, 2, 10);
        var id = (await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();

        var first = new Uri((await patron.Http.GetFromJsonAsync<JsonElement>("/api/v1/calendar/me/feed-url")).GetProperty("url").GetString()!).AbsolutePath;
        var same = new Uri((await patron.Http.GetFromJsonAsync<JsonElement>("/api/v1/calendar/me/feed-url")).GetProperty("url").GetString()!).AbsolutePath;
        Assert.Equal(first, same);

        var anonymous = host.CreateClient();
        var feed = await anonymous.GetAsync(first);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"UID:{id}@makerspace", await feed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var rotated = await (await patron.Http.PostAsync("/api/v1/calendar/me/feed-url/rotate", null)).JsonAsync();
        var second = new Uri(rotated.GetProperty("url").GetString()!).AbsolutePath;
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(second)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/calendar/patrons/not-a-token.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/calendar/me/feed-url")).StatusCode);
    }

    [Fact]
    public async Task ResourceFeed_Uids_StableAcrossFetchesAndNotTheReservationId()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var start = host.Clock.DaysAhead(Zone, 3, 12);
        var id = (await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
        var other = (await (await patron.Http.BookAsync(room.Id, start.AddHours(2), start.AddHours(3))).JsonAsync()).GetProperty("id").GetGuid();

        var first = await host.CreateClient().GetStringAsync($"/calendar/resources/{room.Id}.ics");
        var second = await host.CreateClient().GetStringAsync($"/calendar/resources/{room.Id}.ics");

        var uids = Uids(first);
        Assert.Equal(2, uids.Distinct().Count());
        Assert.Equal(uids, Uids(second));
        foreach (var reservation in new[] { id, other })
        {
            Assert.DoesNotContain(reservation.ToString("N"), first.Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        }

        static List<string> Uids(string ics) => ics.Split('\n').Where(l => l.StartsWith("UID:", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();
    }

    [Fact]
    public async Task ResourceFeed_BusyTimesOnly_NoPatronData()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var start = host.Clock.DaysAhead(Zone, 2, 12);
        await (await patron.Http.PostAsJsonAsync("/api/v1/reservations", new { resourceId = room.Id, start, end = start.AddHours(1), notes = "secret birthday plans" })).JsonAsync();

        var response = await host.CreateClient().GetAsync($"/calendar/resources/{room.Id}.ics");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("SUMMARY:Booked", body, StringComparison.Ordinal);
        Assert.DoesNotContain(patron.Email.Split('@')[0], body, StringComparison.Ordinal);
        Assert.DoesNotContain("birthday", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await host.CreateClient().GetAsync($"/calendar/resources/{Guid.NewGuid()}.ics")).StatusCode);
    }

    [Fact]
    public async Task Dashboard_AnonymousPatronStaff_401_403_200()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient().GetAsync("/jobs")).StatusCode);
        var patron = await host.SignInNewAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await patron.Http.GetAsync("/jobs")).StatusCode);
        var staff = await host.SignInNewAsync(Roles.Staff);
        Assert.Equal(HttpStatusCode.OK, (await staff.Http.GetAsync("/jobs")).StatusCode);
    }
}
