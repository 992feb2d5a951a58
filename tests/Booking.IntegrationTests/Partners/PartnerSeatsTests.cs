using System.Net;
using System.Net.Http.Json;
using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.Domain.Sessions;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Booking.IntegrationTests.Partners;

/// <summary>
/// Seats set aside for a partner on a session it does not host (issue #20, part 3), on both databases: that partner's
/// staff fill them with clients (never more, even racing), the public's places left leave them out, and nobody else
/// can use them.
/// </summary>
public sealed class PartnerSeatsTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "Europe/London";

    [Fact]
    public async Task TwoPartnerStaffRacing_NeverFillMoreThanTheSeatsSetAside()
    {
        var (partnerId, first) = await host.PartnerWithStaffAsync(["room"], null);
        var admin = await host.SignInNewAsync(Roles.Admin);
        var account = await host.SignInNewAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.PostAsJsonAsync($"/api/v1/partners/{partnerId}/staff", new { email = account.Email })).StatusCode);
        var second = account with { Http = await host.SignInAsync(account.Email, MakerspaceHost.Password) };
        var session = await ScheduleAsync(capacity: 10, partnerId, seats: 3);
        var clients = new List<(SignedInClient Staff, Guid Client)>();
        for (var i = 0; i < 8; i++)
        {
            var staff = i % 2 == 0 ? first : second;
            clients.Add((staff, await PartnerSetup.ClientAsync(staff, $"Client {i}")));
        }

        var responses = await Task.WhenAll(clients.Select(c => Task.Run(() => c.Staff.Http.PostAsync($"/api/v1/partner/clients/{c.Client}/sessions/{session}", null))));

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.NoContent));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.NoContent))
        {
            await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "conflict");
        }

        var held = await host.InScopeAsync(db => db.SessionRegistrations.AsNoTracking().Where(g => g.SessionId == session).ToListAsync());
        Assert.Equal(3, held.Count);
        Assert.All(held, g => Assert.True(g.OnPartnerSeat && g.Status == RegistrationStatus.Registered));
    }

    [Fact]
    public async Task ThePublic_SeesPlacesLeftWithoutTheSeatsSetAside_AndNeverTakesThem_AnotherPartner404()
    {
        var (partnerId, ours) = await host.PartnerWithStaffAsync(["room"], null);
        var (_, theirs) = await host.PartnerWithStaffAsync(["room"], null);
        var session = await ScheduleAsync(capacity: 3, partnerId, seats: 2);
        var patrons = new[] { await host.SignInNewAsync(), await host.SignInNewAsync() };

        var before = await (await host.CreateClient().GetAsync($"/api/v1/sessions/{session}")).JsonAsync();
        foreach (var patron in patrons)
        {
            await (await patron.Http.PostAsync($"/api/v1/sessions/{session}/registrations", null)).JsonAsync();
        }

        var client = await PartnerSetup.ClientAsync(ours, "Seat holder");
        var theirClient = await PartnerSetup.ClientAsync(theirs, "No seat");
        var seated = await ours.Http.PostAsync($"/api/v1/partner/clients/{client}/sessions/{session}", null);
        var refused = await theirs.Http.PostAsync($"/api/v1/partner/clients/{theirClient}/sessions/{session}", null);
        var after = await (await host.CreateClient().GetAsync($"/api/v1/sessions/{session}")).JsonAsync();

        Assert.Equal(1, before.GetProperty("placesLeft").GetInt32());
        Assert.Equal(2, before.GetProperty("partnerSeats").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, seated.StatusCode);
        await refused.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal(0, after.GetProperty("placesLeft").GetInt32());
        Assert.Equal(1, after.GetProperty("partnerSeatsTaken").GetInt32());
        Assert.Equal(1, after.GetProperty("waiting").GetInt32());
        var statuses = await host.InScopeAsync(db => db.SessionRegistrations.AsNoTracking().Where(g => g.SessionId == session)
            .Select(g => new { g.PatronId, g.Status, g.OnPartnerSeat }).ToListAsync());
        Assert.Equal(RegistrationStatus.Registered, statuses.Single(s => s.PatronId == patrons[0].UserId).Status);
        Assert.Equal(RegistrationStatus.Waitlisted, statuses.Single(s => s.PatronId == patrons[1].UserId).Status);
        Assert.True(statuses.Single(s => s.PatronId == client).OnPartnerSeat);
    }

    [Fact]
    public async Task ThePublicPages_CountThePublicsPlaces_AndSayHowManyAreKeptForWhom_InBothLanguages()
    {
        var (partnerId, ours) = await host.PartnerWithStaffAsync(["room"], null);
        var partnerName = await host.InScopeAsync(db => db.Partners.Where(p => p.Id == partnerId).Select(p => p.Name).SingleAsync());
        var session = await ScheduleAsync(capacity: 12, partnerId, seats: 3);
        var patron = await host.SignInNewAsync();
        await (await patron.Http.PostAsync($"/api/v1/sessions/{session}/registrations", null)).JsonAsync();
        var client = await PartnerSetup.ClientAsync(ours, "Seat holder");
        Assert.Equal(HttpStatusCode.NoContent, (await ours.Http.PostAsync($"/api/v1/partner/clients/{client}/sessions/{session}", null)).StatusCode);
        var visitor = host.CreateClient();

        var view = await (await visitor.GetAsync($"/api/v1/sessions/{session}")).JsonAsync();
        var details = WebUtility.HtmlDecode(await Languages.SpanishPage.GetInAsync(visitor, $"/sessions/{session}", "en"));
        var list = WebUtility.HtmlDecode(await Languages.SpanishPage.GetInAsync(visitor, "/sessions", "en"));
        var spanish = WebUtility.HtmlDecode(await Languages.SpanishPage.GetInAsync(visitor, $"/sessions/{session}", "es"));

        // The public's share is 12 - 3 = 9, one of them taken; the client on a set-aside seat takes none of the public's.
        Assert.Equal((12, 9, 8, 3, 1), (view.GetProperty("capacity").GetInt32(), view.GetProperty("publicCapacity").GetInt32(),
            view.GetProperty("placesLeft").GetInt32(), view.GetProperty("partnerSeats").GetInt32(), view.GetProperty("partnerSeatsTaken").GetInt32()));
        Assert.Equal(partnerName, view.GetProperty("seatsPartner").GetProperty("name").GetString());
        foreach (var page in new[] { details, list })
        {
            Assert.Contains("8 places left of 9", page);
            Assert.Contains($"3 more places are kept for clients of {partnerName}.", page);
            Assert.DoesNotContain("of 12", page);
        }

        Assert.Contains("Quedan 8 plazas de 9", spanish);
        Assert.Contains($"3 plazas más están reservadas para clientes de {partnerName}.", spanish);
    }

    [Fact]
    public async Task ChangingTheSeats_ThroughTheApi_NeverBelowTheClientsOnThem_NorAboveWhatThePublicLeaves_LoweringPromotesTheLine()
    {
        var (partnerId, ours) = await host.PartnerWithStaffAsync(["room"], null);
        var (otherPartner, _) = await host.PartnerWithStaffAsync(["room"], null);
        var session = await ScheduleAsync(capacity: 3, partnerId, seats: 2);
        var client = await PartnerSetup.ClientAsync(ours, "Seat holder");
        Assert.Equal(HttpStatusCode.NoContent, (await ours.Http.PostAsync($"/api/v1/partner/clients/{client}/sessions/{session}", null)).StatusCode);
        var first = await host.SignInNewAsync();
        var second = await host.SignInNewAsync();
        await (await first.Http.PostAsync($"/api/v1/sessions/{session}/registrations", null)).JsonAsync();
        await (await second.Http.PostAsync($"/api/v1/sessions/{session}/registrations", null)).JsonAsync();
        var staff = await host.SignInNewAsync(Roles.Staff);
        var url = $"/api/v1/sessions/{session}/partner-seats";

        var fewer = await staff.Http.PutAsJsonAsync(url, new { partnerSeats = 0 });
        var moved = await staff.Http.PutAsJsonAsync(url, new { seatsPartnerId = otherPartner, partnerSeats = 2 });
        var tooMany = await staff.Http.PutAsJsonAsync(url, new { seatsPartnerId = partnerId, partnerSeats = 3 });
        var noNumber = await staff.Http.PutAsJsonAsync(url, new { seatsPartnerId = partnerId });
        var noSuchSession = await staff.Http.PutAsJsonAsync($"/api/v1/sessions/{Guid.NewGuid()}/partner-seats", new { partnerSeats = 0 });
        var patron = await first.Http.PutAsJsonAsync(url, new { partnerSeats = 0 });

        Assert.Contains("already hold 1 of the seats set aside: set aside at least 1", (await fewer.ShouldBeProblemAsync(HttpStatusCode.Conflict, "conflict")).GetProperty("detail").GetString());
        Assert.Contains("keep that partner", (await moved.ShouldBeProblemAsync(HttpStatusCode.Conflict, "conflict")).GetProperty("detail").GetString());
        Assert.Contains("The public holds 1 of the 3 places: set aside at most 2.", (await tooMany.ShouldBeProblemAsync(HttpStatusCode.Conflict, "conflict")).GetProperty("detail").GetString());
        await noNumber.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await noSuchSession.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal(HttpStatusCode.Forbidden, patron.StatusCode);
        Assert.Equal(2, await host.InScopeAsync(db => db.Sessions.Where(s => s.Id == session).Select(s => s.PartnerSeats).SingleAsync()));

        var lowered = await staff.Http.PutAsJsonAsync(url, new { seatsPartnerId = partnerId, partnerSeats = 1 });

        Assert.Equal(HttpStatusCode.OK, lowered.StatusCode);
        var view = await lowered.JsonAsync();
        Assert.Equal((1, 1, 2, 0, 0), (view.GetProperty("partnerSeats").GetInt32(), view.GetProperty("partnerSeatsTaken").GetInt32(),
            view.GetProperty("publicCapacity").GetInt32(), view.GetProperty("placesLeft").GetInt32(), view.GetProperty("waiting").GetInt32()));
        Assert.Equal(RegistrationStatus.Registered, await host.InScopeAsync(db => db.SessionRegistrations.Where(g => g.SessionId == session && g.PatronId == second.UserId).Select(g => g.Status).SingleAsync()));
    }

    [Fact]
    public async Task SettingSeatsAside_MoreThanTheCapacity_OrWithoutAPartner_OrForNoSuchPartner_400_NothingScheduled()
    {
        var (partnerId, _) = await host.PartnerWithStaffAsync(["room"], null);
        var branch = await host.BranchAsync(Zone, opens: 0, closes: 0);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var start = host.Clock.DaysAhead(Zone, 6, 14);
        var before = await host.InScopeAsync(db => db.Sessions.CountAsync());

        var tooMany = await staff.Http.ScheduleAsync(new { kind = "workshop", title = "Too many", roomId = room.Id, start, end = start.AddHours(1), capacity = 2, seatsPartnerId = partnerId, partnerSeats = 3 });
        var noPartner = await staff.Http.ScheduleAsync(new { kind = "workshop", title = "No partner", roomId = room.Id, start, end = start.AddHours(1), capacity = 2, partnerSeats = 1 });
        var noSuch = await staff.Http.ScheduleAsync(new { kind = "workshop", title = "No such", roomId = room.Id, start, end = start.AddHours(1), capacity = 2, seatsPartnerId = Guid.NewGuid(), partnerSeats = 1 });

        await tooMany.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await noPartner.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await noSuch.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(before, await host.InScopeAsync(db => db.Sessions.CountAsync()));
    }

    private async Task<Guid> ScheduleAsync(int capacity, Guid seatsPartnerId, int seats)
    {
        var branch = await host.BranchAsync(Zone, opens: 0, closes: 0);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var start = host.Clock.DaysAhead(Zone, 5, 14);
        var made = await staff.Http.ScheduleAsync(new { kind = "workshop", title = "Job fair", roomId = room.Id, start, end = start.AddHours(1), capacity, seatsPartnerId, partnerSeats = seats });
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        return (await made.JsonAsync()).GetProperty("id").GetGuid();
    }
}
