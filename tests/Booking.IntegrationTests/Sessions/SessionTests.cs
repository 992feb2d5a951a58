using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Booking.Data.Identity;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.Domain.Sessions;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Sessions;

/// <summary>Scheduling reserves the room; registration, the waitlist and its promotion, exactly once.</summary>
public sealed class SessionTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Schedule_ReservesTheRoom_ATakenRoomRefuses()
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var start = Local(Zone, "2026-01-20T18:00");

        var session = await (await staff.Http.ScheduleAsync(new { kind = "workshop", title = "Soldering 101", roomId = room.Id, start, end = start.AddHours(2), capacity = 6 })).JsonAsync();
        Assert.Equal("scheduled", session.GetProperty("status").GetString());
        Assert.Equal("staff", session.GetProperty("host").GetProperty("type").GetString());
        Assert.Equal(6, session.GetProperty("placesLeft").GetInt32());

        await (await patron.Http.BookAsync(room.Id, start.AddMinutes(30), start.AddHours(1))).ShouldBeProblemAsync(HttpStatusCode.Conflict, "slot-taken");
        await (await staff.Http.ScheduleAsync(new { kind = "workshop", title = "Clash", roomId = room.Id, start = start.AddHours(1), end = start.AddHours(2), capacity = 6 }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "slot-taken");
        Assert.Equal(1, await host.InScopeAsync(db => db.Sessions.CountAsync(s => s.RoomId == room.Id)));

        // Outside opening hours is refused too: sessions go through the booking rules.
        await (await staff.Http.ScheduleAsync(new { kind = "workshop", title = "Late", roomId = room.Id, start = Local(Zone, "2026-01-20T21:00"), end = Local(Zone, "2026-01-20T22:00"), capacity = 6 }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "outside-opening-hours");

        var listed = await host.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/sessions?kind=workshop&from={Uri.EscapeDataString(start.AddDays(-1).ToString("O"))}&to={Uri.EscapeDataString(start.AddDays(1).ToString("O"))}");
        Assert.Contains(listed.EnumerateArray(), s => s.GetProperty("id").GetGuid() == session.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Register_Full_WaitlistThenCancellationPromotesFirstInLine()
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var start = Local(Zone, "2026-01-21T18:00");
        var id = (await (await staff.Http.ScheduleAsync(new { kind = "workshop", title = "Zine making", roomId = room.Id, start, end = start.AddHours(1), capacity = 1 })).JsonAsync()).GetProperty("id").GetGuid();
        var a = await host.SignInNewAsync();
        var b = await host.SignInNewAsync();
        var c = await host.SignInNewAsync();

        Assert.Equal("registered", (await RegisterAsync(a, id)).GetProperty("status").GetString());
        var bRegistration = await RegisterAsync(b, id);
        Assert.Equal("waitlisted", bRegistration.GetProperty("status").GetString());
        Assert.Equal(1, bRegistration.GetProperty("position").GetInt32());
        Assert.Equal(2, (await RegisterAsync(c, id)).GetProperty("position").GetInt32());

        var left = await (await a.Http.DeleteAsync($"/api/v1/sessions/{id}/registrations/mine")).JsonAsync();
        Assert.Equal("cancelled", left.GetProperty("status").GetString());

        var registrations = await staff.Http.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{id}/registrations");
        Assert.Equal("registered", Status(registrations, b.UserId));
        Assert.Equal("waitlisted", Status(registrations, c.UserId));
        Assert.Equal(1, await PromotionNoticesAsync(b.UserId));
        Assert.Equal(0, await PromotionNoticesAsync(c.UserId));
    }

    [Fact]
    public async Task CancelMine_TwoCancellationsRace_EachWaiterPromotedExactlyOnce()
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var start = Local(Zone, "2026-01-22T18:00");
        var id = (await (await staff.Http.ScheduleAsync(new { kind = "networking", title = "Founders", roomId = room.Id, start, end = start.AddHours(1), capacity = 2 })).JsonAsync()).GetProperty("id").GetGuid();
        var patrons = new List<SignedInClient>();
        for (var i = 0; i < 5; i++)
        {
            var p = await host.SignInNewAsync();
            await RegisterAsync(p, id); // in order: two places, then three in line
            patrons.Add(p);
        }

        var responses = await Task.WhenAll(patrons.Take(2).Select(p => Task.Run(() => p.Http.DeleteAsync($"/api/v1/sessions/{id}/registrations/mine"))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var registrations = await staff.Http.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{id}/registrations");
        Assert.Equal("registered", Status(registrations, patrons[2].UserId));
        Assert.Equal("registered", Status(registrations, patrons[3].UserId));
        Assert.Equal("waitlisted", Status(registrations, patrons[4].UserId));
        Assert.Equal(1, await PromotionNoticesAsync(patrons[2].UserId));
        Assert.Equal(1, await PromotionNoticesAsync(patrons[3].UserId));
        Assert.Equal(0, await PromotionNoticesAsync(patrons[4].UserId));
        var session = await host.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{id}");
        Assert.Equal(2, session.GetProperty("placesTaken").GetInt32());
        Assert.Equal(1, session.GetProperty("waiting").GetInt32());
    }

    [Fact]
    public async Task Register_ManyAtOnce_NeverOverfilled()
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var start = Local(Zone, "2026-01-23T18:00");
        var id = (await (await staff.Http.ScheduleAsync(new { kind = "workshop", title = "Crowd", roomId = room.Id, start, end = start.AddHours(1), capacity = 3 })).JsonAsync()).GetProperty("id").GetGuid();
        var patrons = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => host.SignInNewAsync()));

        var responses = await Task.WhenAll(patrons.Select(p => Task.Run(() => p.Http.PostAsync($"/api/v1/sessions/{id}/registrations", null))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var rows = await host.InScopeAsync(db => db.SessionRegistrations.Where(r => r.SessionId == id).ToListAsync());
        Assert.Equal(3, rows.Count(r => r.Status == RegistrationStatus.Registered));
        Assert.Equal(7, rows.Count(r => r.Status == RegistrationStatus.Waitlisted));
        Assert.Equal(10, rows.Select(r => r.LineNumber).Distinct().Count());
    }

    [Fact]
    public async Task Networking_HoldsDesks_AndCancellingReleasesEverythingAndTellsRegistrants()
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var desks = new[] { await host.ResourceAsync(branch.Id, KnownKinds.CoworkingDesk), await host.ResourceAsync(branch.Id, KnownKinds.CoworkingDesk) };
        var start = Local(Zone, "2026-01-26T12:00");

        await (await staff.Http.ScheduleAsync(new { kind = "networking", title = "Too many desks", roomId = room.Id, start, end = start.AddHours(2), capacity = 10, holdDesks = 3 }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "slot-taken");
        Assert.Equal(0, await host.InScopeAsync(db => db.Reservations.CountAsync(r => r.ResourceId == room.Id || desks.Select(d => d.Id).Contains(r.ResourceId))));

        var session = await (await staff.Http.ScheduleAsync(new { kind = "networking", title = "Founders' lunch", roomId = room.Id, start, end = start.AddHours(2), capacity = 10, holdDesks = 2 })).JsonAsync();
        var id = session.GetProperty("id").GetGuid();
        Assert.Equal(2, session.GetProperty("heldDesks").GetInt32());
        await (await patron.Http.BookAsync(desks[0].Id, start, start.AddHours(4))).ShouldBeProblemAsync(HttpStatusCode.Conflict, "slot-taken");
        await RegisterAsync(patron, id);

        var cancelled = await (await staff.Http.PostAsJsonAsync($"/api/v1/sessions/{id}/cancel", new { reason = "Speaker ill" })).JsonAsync();
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Created, (await patron.Http.BookAsync(desks[0].Id, start, start.AddHours(4))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).StatusCode);
        var notice = await host.InScopeAsync(db => db.Notifications.SingleAsync(n => n.RecipientId == patron.UserId && n.Kind == "session-cancelled"));
        Assert.Contains("Speaker ill", notice.Body);

        // Registering for a cancelled session is refused, and nothing changes.
        var other = await host.SignInNewAsync();
        await (await other.Http.PostAsync($"/api/v1/sessions/{id}/registrations", null)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "registration-closed");
        Assert.False(await host.InScopeAsync(db => db.SessionRegistrations.AnyAsync(r => r.PatronId == other.UserId)));
    }

    [Fact]
    public async Task Get_StaffHostWithoutDisplayName_PublicSeesLibraryStaffNeverEmail()
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        await host.InScopeAsync(db => db.Users.Where(u => u.Id == staff.UserId).ExecuteUpdateAsync(u => u.SetProperty(x => x.DisplayName, (string?)null)));
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var start = Local(Zone, "2026-01-28T18:00");
        var id = (await (await staff.Http.ScheduleAsync(new { kind = "workshop", title = "Open hack night", roomId = room.Id, start, end = start.AddHours(2), capacity = 8 })).JsonAsync()).GetProperty("id").GetGuid();

        var anonymous = host.CreateClient();
        var session = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{id}");
        Assert.Equal("Library staff", session.GetProperty("host").GetProperty("name").GetString());
        var list = await anonymous.GetStringAsync($"/api/v1/sessions?from={Uri.EscapeDataString(start.AddDays(-1).ToString("O"))}&to={Uri.EscapeDataString(start.AddDays(1).ToString("O"))}");
        Assert.Contains("Open hack night", list, StringComparison.Ordinal);
        foreach (var shown in new[] { session.ToString(), list, await anonymous.GetStringAsync($"/sessions/{id}"), await anonymous.GetStringAsync("/sessions") })
        {
            Assert.DoesNotContain(staff.Email, shown, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Partner_HostsASession()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var partner = await (await admin.Http.PostAsJsonAsync("/api/v1/partners", new { name = $"Tech Task Force {Guid.NewGuid():N}", description = "Volunteers", offers = "Laptop repair clinics" })).JsonAsync();
        var start = Local(Zone, "2026-01-27T18:00");
        var session = await (await admin.Http.ScheduleAsync(new { kind = "workshop", title = "Repair café", roomId = room.Id, start, end = start.AddHours(2), capacity = 12, partnerId = partner.GetProperty("id").GetGuid() })).JsonAsync();
        Assert.Equal("partner", session.GetProperty("host").GetProperty("type").GetString());
        Assert.Equal(partner.GetProperty("name").GetString(), session.GetProperty("host").GetProperty("name").GetString());
        var partners = await host.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/partners");
        Assert.Contains(partners.EnumerateArray(), p => p.GetProperty("offers").GetString() == "Laptop repair clinics");
    }

    [Fact]
    public async Task BadInput_ClearProblemsAndNothingChanged()
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var desk = await host.ResourceAsync(branch.Id, KnownKinds.CoworkingDesk);
        var start = Local(Zone, "2026-01-28T18:00");

        await (await patron.Http.ScheduleAsync(new { kind = "workshop", title = "Mine", roomId = room.Id, start, end = start.AddHours(1), capacity = 5 })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await staff.Http.ScheduleAsync(new { kind = "party", title = "X", roomId = room.Id, start, end = start.AddHours(1), capacity = 5 })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await staff.Http.ScheduleAsync(new { kind = "training", title = "No cert", roomId = room.Id, start, end = start.AddHours(1), capacity = 5 })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await staff.Http.ScheduleAsync(new { kind = "workshop", title = "Desk", roomId = desk.Id, start, end = start.AddHours(1), capacity = 5 })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await staff.Http.ScheduleAsync(new { kind = "workshop", title = "Past", roomId = room.Id, start = Local(Zone, "2026-01-05T18:00"), end = Local(Zone, "2026-01-05T19:00"), capacity = 5 })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await staff.Http.ScheduleAsync(new { kind = "workshop", title = "Zero", roomId = room.Id, start, end = start.AddHours(1), capacity = 0 })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(0, await host.InScopeAsync(db => db.Sessions.CountAsync(s => s.RoomId == room.Id || s.RoomId == desk.Id)));
        Assert.Equal(0, await host.InScopeAsync(db => db.Reservations.CountAsync(r => r.ResourceId == room.Id)));

        var id = (await (await staff.Http.ScheduleAsync(new { kind = "workshop", title = "Fine", roomId = room.Id, start, end = start.AddHours(1), capacity = 5 })).JsonAsync()).GetProperty("id").GetGuid();
        await RegisterAsync(patron, id);
        await (await patron.Http.PostAsync($"/api/v1/sessions/{id}/registrations", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Equal(1, await host.InScopeAsync(db => db.SessionRegistrations.CountAsync(r => r.SessionId == id)));
        await (await patron.Http.PostAsync($"/api/v1/sessions/{Guid.NewGuid()}/registrations", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await patron.Http.PostAsJsonAsync($"/api/v1/sessions/{id}/attendance", new { patronId = patron.UserId, attended = true })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await patron.Http.PostAsJsonAsync($"/api/v1/sessions/{id}/cancel", new { reason = "x" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await patron.Http.GetAsync($"/api/v1/sessions/{id}/registrations")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await staff.Http.PostAsJsonAsync($"/api/v1/sessions/{id}/cancel", new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal("scheduled", (await host.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{id}")).GetProperty("status").GetString());
    }

    private static async Task<JsonElement> RegisterAsync(SignedInClient patron, Guid sessionId) =>
        await (await patron.Http.PostAsync($"/api/v1/sessions/{sessionId}/registrations", null)).JsonAsync();

    private static string? Status(JsonElement registrations, Guid patronId) =>
        registrations.EnumerateArray().Single(r => r.GetProperty("patronId").GetGuid() == patronId).GetProperty("status").GetString();

    private Task<int> PromotionNoticesAsync(Guid patronId) =>
        host.InScopeAsync(db => db.Notifications.CountAsync(n => n.RecipientId == patronId && n.Kind == "session-promoted"));
}
