using System.Net;
using System.Net.Http.Json;
using Booking.Data.Identity;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Booking.IntegrationTests.Partners;

/// <summary>
/// Partner organisations as participants (issue #20, part 3), on both databases: admins make an account partner staff
/// of one organisation and set its limits; partner staff create clients, book for them within the limits, register
/// them for sessions the partner hosts and see their bookings and attendance; another organisation's staff, patrons,
/// library staff without the role and strangers are refused everywhere.
/// </summary>
public sealed class PartnerStaffTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "Europe/London";

    [Fact]
    public async Task PartnerStaff_CreateAndSeeOnlyTheirOwnClients_AnotherOrganisationsClientIs404()
    {
        var (_, ours) = await PartnerWithStaffAsync(["room"], null);
        var (_, theirs) = await PartnerWithStaffAsync(["room"], null);

        var mine = await ClientAsync(ours, "Mine");
        var other = await ClientAsync(theirs, "Theirs");

        var list = await (await ours.Http.GetAsync("/api/v1/partner/clients")).JsonAsync();
        var ids = list.EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(mine, Assert.Single(ids));
        Assert.StartsWith("•••• ", list[0].GetProperty("card").GetString());
        await (await ours.Http.GetAsync($"/api/v1/partner/clients/{other}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        var activity = await (await ours.Http.GetAsync($"/api/v1/partner/clients/{mine}")).JsonAsync();
        Assert.Equal(mine, activity.GetProperty("client").GetProperty("id").GetGuid());
        var audit = await host.InScopeAsync(db => db.AuditLog.AsNoTracking().SingleAsync(a => a.Subject == $"user:{mine}"));
        Assert.Equal(ours.UserId, audit.ActorId);
    }

    [Fact]
    public async Task Book_WithinTheLimits_Booked_OtherKind403_OverTheWeeksHours422_AnotherOrganisationsClient404_NothingWritten()
    {
        var (_, ours) = await PartnerWithStaffAsync(["room"], 2);
        var (_, theirs) = await PartnerWithStaffAsync(["room"], 2);
        var branch = await host.BranchAsync(Zone, opens: 0, closes: 0);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var laptop = await host.ResourceAsync(branch.Id, KnownKinds.Laptop);
        var client = await ClientAsync(ours, "Client");
        var start = host.Clock.DaysAhead(Zone, 2, 10);

        var booked = await ours.Http.PostAsJsonAsync($"/api/v1/partner/clients/{client}/reservations", new { resourceId = room.Id, start, end = start.AddHours(2) });
        var otherKind = await ours.Http.PostAsJsonAsync($"/api/v1/partner/clients/{client}/reservations", new { resourceId = laptop.Id, start = start.AddHours(3), end = start.AddHours(4) });
        var overHours = await ours.Http.PostAsJsonAsync($"/api/v1/partner/clients/{client}/reservations", new { resourceId = room.Id, start = start.AddHours(3), end = start.AddHours(4) });
        var notTheirs = await theirs.Http.PostAsJsonAsync($"/api/v1/partner/clients/{client}/reservations", new { resourceId = room.Id, start = start.AddHours(5), end = start.AddHours(6) });
        var badInput = await ours.Http.PostAsJsonAsync($"/api/v1/partner/clients/{client}/reservations", new { resourceId = room.Id });

        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        await otherKind.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await overHours.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "quota");
        await notTheirs.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await badInput.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        var held = await host.InScopeAsync(db => db.Reservations.AsNoTracking().Where(r => r.PatronId == client).ToListAsync());
        var only = Assert.Single(held);
        Assert.Equal(room.Id, only.ResourceId);
        Assert.Equal(ReservationStatus.Confirmed, only.Status);
        Assert.True(await host.InScopeAsync(db => db.AuditLog.AnyAsync(a => a.Action == "partner.book" && a.ActorId == ours.UserId && a.Subject == $"reservation:{only.Id}")));
        var activity = await (await ours.Http.GetAsync($"/api/v1/partner/clients/{client}")).JsonAsync();
        Assert.Equal(only.Id, Assert.Single(activity.GetProperty("reservations").EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Register_ASessionThePartnerHosts_Registered_AnotherSession404_AttendanceShown()
    {
        var (partnerId, ours) = await PartnerWithStaffAsync(["room"], null);
        var branch = await host.BranchAsync(Zone, opens: 0, closes: 0);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var start = host.Clock.DaysAhead(Zone, 3, 14);
        var hosted = (await (await staff.Http.ScheduleAsync(new { kind = "workshop", title = "CV clinic", roomId = room.Id, start, end = start.AddHours(1), capacity = 4, partnerId })).JsonAsync()).GetProperty("id").GetGuid();
        var library = (await (await staff.Http.ScheduleAsync(new { kind = "workshop", title = "Library only", roomId = room.Id, start = start.AddHours(2), end = start.AddHours(3), capacity = 4 })).JsonAsync()).GetProperty("id").GetGuid();
        var client = await ClientAsync(ours, "Learner");

        var registered = await ours.Http.PostAsync($"/api/v1/partner/clients/{client}/sessions/{hosted}", null);
        var refused = await ours.Http.PostAsync($"/api/v1/partner/clients/{client}/sessions/{library}", null);

        Assert.Equal(HttpStatusCode.NoContent, registered.StatusCode);
        await refused.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        var activity = await (await ours.Http.GetAsync($"/api/v1/partner/clients/{client}")).JsonAsync();
        var place = Assert.Single(activity.GetProperty("sessions").EnumerateArray());
        Assert.Equal(hosted, place.GetProperty("sessionId").GetGuid());
        Assert.Equal("registered", place.GetProperty("status").GetString());
    }

    [Fact]
    public async Task EveryPartnerEndpoint_Stranger401_Patron403_LibraryStaff403_OtherPartner404()
    {
        var (_, ours) = await PartnerWithStaffAsync(["room"], null);
        var (_, theirs) = await PartnerWithStaffAsync(["room"], null);
        var client = await ClientAsync(ours, "Private");
        var patron = await host.SignInNewAsync();
        var staff = await host.SignInNewAsync(Roles.Staff);
        var stranger = host.CreateClient();
        var calls = new (HttpMethod Method, string Url, object? Body)[]
        {
            (HttpMethod.Get, "/api/v1/partner/clients", null),
            (HttpMethod.Post, "/api/v1/partner/clients", new { displayName = "X", cardNumber = "ZZ" + Random.Shared.Next(100_000, 999_999) }),
            (HttpMethod.Get, $"/api/v1/partner/clients/{client}", null),
            (HttpMethod.Post, $"/api/v1/partner/clients/{client}/reservations", new { resourceId = Guid.NewGuid(), start = DateTimeOffset.UtcNow, end = DateTimeOffset.UtcNow.AddHours(1) }),
            (HttpMethod.Post, $"/api/v1/partner/clients/{client}/sessions/{Guid.NewGuid()}", null),
        };
        var clientsBefore = await host.InScopeAsync(db => db.PartnerClients.CountAsync());

        foreach (var (method, url, body) in calls)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.SendAsync(Request(method, url, body))).StatusCode);
            await (await patron.Http.SendAsync(Request(method, url, body))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            await (await staff.Http.SendAsync(Request(method, url, body))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        }

        foreach (var (method, url, body) in calls.Skip(2))
        {
            await (await theirs.Http.SendAsync(Request(method, url, body))).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        }

        Assert.Equal(clientsBefore, await host.InScopeAsync(db => db.PartnerClients.CountAsync()));
    }

    [Fact]
    public async Task AdminEndpoints_PartnerStaffPatronAndStaffRefused_BadLimits400_RemovedStaffLoseAccessAtOnce()
    {
        var (partnerId, ours) = await PartnerWithStaffAsync(["room"], null);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var admin = await host.SignInNewAsync(Roles.Admin);
        foreach (var caller in new[] { ours, staff })
        {
            await (await caller.Http.PutAsJsonAsync($"/api/v1/partners/{partnerId}/limits", new { kinds = new[] { "laser-cutter" } })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            await (await caller.Http.PostAsJsonAsync($"/api/v1/partners/{partnerId}/staff", new { email = caller.Email })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        }

        await (await admin.Http.PutAsJsonAsync($"/api/v1/partners/{partnerId}/limits", new { kinds = new[] { "no-such-kind" } })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await admin.Http.PutAsJsonAsync($"/api/v1/partners/{partnerId}/limits", new { kinds = new[] { "room" }, maxHoursPerWeek = 500 })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await admin.Http.PostAsJsonAsync($"/api/v1/partners/{partnerId}/staff", new { email = staff.Email })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await admin.Http.PostAsJsonAsync($"/api/v1/partners/{Guid.NewGuid()}/staff", new { email = ours.Email })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync($"/api/v1/partners/{partnerId}/staff/{ours.UserId}")).StatusCode);

        // The token still says "Partner"; the organisation is read fresh, so the removal holds at once.
        await (await ours.Http.GetAsync("/api/v1/partner/clients")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task PartnerAdminPage_AdminAddsStaffAndSetsLimits_BadHoursSaidOnThePage_OthersRefused()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var partnerId = (await (await admin.Http.PostAsJsonAsync("/api/v1/partners", new { name = $"Agency {Guid.NewGuid():N}" })).JsonAsync()).GetProperty("id").GetGuid();
        var future = await host.SignInNewAsync();
        var page = new PageSession(host);
        await page.SignInAsync(admin.Email, MakerspaceHost.Password);
        var url = $"/admin/partners/{partnerId}";

        var (addStatus, added, _) = await page.SubmitAsync(url, $"{url}?handler=AddStaff", new Dictionary<string, string> { ["staffEmail"] = future.Email });
        var token = await page.FormTokenAsync(url);
        var (limitsStatus, _, _) = await page.PostFormAsync($"{url}?handler=Limits", token, [new("kinds", "room"), new("kinds", "laptop"), new("maxHoursPerWeek", "6")]);
        var (badStatus, bad, _) = await page.PostFormAsync($"{url}?handler=Limits", token, [new("kinds", "room"), new("maxHoursPerWeek", "999")]);

        Assert.Equal(HttpStatusCode.OK, addStatus);
        Assert.Contains(future.Email, added);
        Assert.Equal(HttpStatusCode.OK, limitsStatus);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Contains("id=\"problem-limits\"", bad);
        var partner = await host.InScopeAsync(db => db.Partners.AsNoTracking().SingleAsync(p => p.Id == partnerId));
        Assert.Equal(new[] { "laptop", "room" }, partner.AllowedKindCodes.Order());
        Assert.Equal(6, partner.MaxHoursPerWeek);
        Assert.Equal(partnerId, await host.InScopeAsync(db => db.Users.Where(u => u.Id == future.UserId).Select(u => u.PartnerId).SingleAsync()));

        var partnerStaff = new PageSession(host);
        await partnerStaff.SignInAsync(future.Email, MakerspaceHost.Password);
        await partnerStaff.GetAsync(url, HttpStatusCode.Forbidden);
    }

    private static HttpRequestMessage Request(HttpMethod method, string url, object? body) =>
        new(method, url) { Content = body is null ? null : JsonContent.Create(body) };

    /// <summary>A partner with the given limits and one staff account of it, signed in after the role was given.</summary>
    private async Task<(Guid PartnerId, SignedInClient Staff)> PartnerWithStaffAsync(string[] kinds, int? maxHoursPerWeek)
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var partner = await (await admin.Http.PostAsJsonAsync("/api/v1/partners", new { name = $"Agency {Guid.NewGuid():N}", offers = "Job search help" })).JsonAsync();
        var partnerId = partner.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.PutAsJsonAsync($"/api/v1/partners/{partnerId}/limits", new { kinds, maxHoursPerWeek })).StatusCode);
        var account = await host.SignInNewAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.PostAsJsonAsync($"/api/v1/partners/{partnerId}/staff", new { email = account.Email })).StatusCode);
        var signedIn = await host.SignInAsync(account.Email, MakerspaceHost.Password);
        return (partnerId, account with { Http = signedIn });
    }

    private static async Task<Guid> ClientAsync(SignedInClient partnerStaff, string name)
    {
        var created = await (await partnerStaff.Http.PostAsJsonAsync("/api/v1/partner/clients", new { displayName = name, cardNumber = "P" + Guid.NewGuid().ToString("N")[..12] })).JsonAsync();
        return created.GetProperty("id").GetGuid();
    }
}
