using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Booking.Data.Identity;
using Booking.Domain.Notifications;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.Domain.Sessions;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Booking.Jobs.Sweeps;
using Microsoft.EntityFrameworkCore;

namespace Booking.IntegrationTests.Sessions;

/// <summary>
/// A desk with a networking session: registering claims one of the desks the session holds as the attendee's own
/// reservation (chosen or the first free), race-proof; leaving, a no-show or cancelling the desk returns it to the
/// session's pool; the waiting list is promoted with a desk; unclaimed desks go back to public booking before the start.
/// </summary>
public sealed class SessionDeskTests(JobsHost host) : IClassFixture<JobsHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Register_SessionHoldsDesks_FirstFreeDeskIsTheAttendeesOwnReservation()
    {
        var (staff, id, desks, start) = await NetworkingAsync(desks: 2);
        var patron = await host.SignInNewAsync();

        var registration = await (await patron.Http.PostAsync($"/api/v1/sessions/{id}/registrations", null)).JsonAsync();

        Assert.Equal("registered", registration.GetProperty("status").GetString());
        var desk = registration.GetProperty("desk");
        Assert.Equal(desks[0].Id, desk.GetProperty("id").GetGuid());
        Assert.Equal(desks[0].Name, desk.GetProperty("name").GetString());
        var reservationId = desk.GetProperty("reservationId").GetGuid();
        var reservation = await (await patron.Http.GetAsync($"/api/v1/reservations/{reservationId}")).JsonAsync();
        Assert.Equal("confirmed", reservation.GetProperty("status").GetString());
        Assert.Equal(start, reservation.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(start.AddHours(2), reservation.GetProperty("end").GetDateTimeOffset());

        // The hold it replaced is gone; the desk is the patron's, the other desk still the session's.
        var active = await ActiveOnAsync(desks[0].Id);
        Assert.Equal(patron.UserId, Assert.Single(active).PatronId);
        Assert.Equal(staff.UserId, Assert.Single(await ActiveOnAsync(desks[1].Id)).PatronId);
        var session = await host.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{id}");
        Assert.Equal(new[] { false, true }, session.GetProperty("desks").EnumerateArray().Select(d => d.GetProperty("free").GetBoolean()));

        // Staff see which desk the attendee has; the patron sees it on the session page, in My sessions and My reservations.
        var list = await staff.Http.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{id}/registrations");
        Assert.Equal(desks[0].Id, list.EnumerateArray().Single().GetProperty("desk").GetProperty("id").GetGuid());
        var page = new PageSession(host);
        await page.SignInAsync(patron.Email, MakerspaceHost.Password);
        Assert.Contains($"Your desk: {desks[0].Name}.", await page.GetAsync($"/sessions/{id}"), StringComparison.Ordinal);
        var mine = await page.GetAsync("/reservations/mine");
        Assert.Contains($"Desk: {desks[0].Name}", mine, StringComparison.Ordinal);
        Assert.Contains($"/reservations/{reservationId}/cancel", mine, StringComparison.Ordinal);
        var staffPage = new PageSession(host);
        await staffPage.SignInAsync(staff.Email, MakerspaceHost.Password);
        Assert.Contains($"Desk: {desks[0].Name}", await staffPage.GetAsync($"/desk/sessions/{id}"), StringComparison.Ordinal);

        // The session's notice names the desk.
        var notice = await host.InScopeAsync(db => db.Notifications.SingleAsync(n => n.RecipientId == patron.UserId && n.Kind == NotificationKinds.SessionRegistered));
        Assert.Contains(desks[0].Name, notice.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_ChosenDesk_ThatOne_ATakenOrForeignDeskRefusedAndNothingWritten()
    {
        var (staff, id, desks, start) = await NetworkingAsync(desks: 3);
        var first = await host.SignInNewAsync();
        var chosen = await (await first.Http.PostAsJsonAsync($"/api/v1/sessions/{id}/registrations", new { deskId = desks[2].Id })).JsonAsync();
        Assert.Equal(desks[2].Id, chosen.GetProperty("desk").GetProperty("id").GetGuid());

        var second = await host.SignInNewAsync();
        await (await second.Http.PostAsJsonAsync($"/api/v1/sessions/{id}/registrations", new { deskId = desks[2].Id })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "slot-taken");
        await (await second.Http.PostAsJsonAsync($"/api/v1/sessions/{id}/registrations", new { deskId = Guid.NewGuid() })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        var room = await host.InScopeAsync(db => db.Sessions.Where(s => s.Id == id).Select(s => s.RoomId).SingleAsync());
        await (await second.Http.PostAsJsonAsync($"/api/v1/sessions/{id}/registrations", new { deskId = room })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        using (var malformed = new StringContent("{\"deskId\": \"desk-3\"}", System.Text.Encoding.UTF8, "application/json"))
        {
            await (await second.Http.PostAsync($"/api/v1/sessions/{id}/registrations", malformed)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        }

        // A session without desks refuses a desk choice.
        var branch = await host.BranchAsync(Zone);
        var otherRoom = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var plain = (await (await staff.Http.ScheduleAsync(new { kind = "networking", title = "No desks", roomId = otherRoom.Id, start, end = start.AddHours(1), capacity = 5 })).JsonAsync()).GetProperty("id").GetGuid();
        await (await second.Http.PostAsJsonAsync($"/api/v1/sessions/{plain}/registrations", new { deskId = desks[0].Id })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");

        Assert.False(await host.InScopeAsync(db => db.SessionRegistrations.AnyAsync(r => r.PatronId == second.UserId)));
        Assert.False(await host.InScopeAsync(db => db.Reservations.AnyAsync(r => r.PatronId == second.UserId)));
        Assert.Equal(2, await host.InScopeAsync(db => db.SessionDesks.CountAsync(d => d.SessionId == id && d.RegistrationId == null)));

        // Then a free one is fine.
        var fine = await (await second.Http.PostAsJsonAsync($"/api/v1/sessions/{id}/registrations", new { deskId = desks[0].Id })).JsonAsync();
        Assert.Equal(desks[0].Id, fine.GetProperty("desk").GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Register_ParallelRequests_ExactlyOneWinsAChosenDesk_NoDeskDoubleClaimed()
    {
        var (_, id, desks, _) = await NetworkingAsync(desks: 3, capacity: 30);
        var choosers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => host.SignInNewAsync()));

        var chose = await Task.WhenAll(choosers.Select(p => Task.Run(() => p.Http.PostAsJsonAsync($"/api/v1/sessions/{id}/registrations", new { deskId = desks[1].Id }))));

        Assert.Equal(1, chose.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var refused in chose.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "slot-taken");
        }

        var others = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => host.SignInNewAsync()));
        var any = await Task.WhenAll(others.Select(p => Task.Run(() => p.Http.PostAsync($"/api/v1/sessions/{id}/registrations", null))));
        Assert.All(any, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var withDesk = 0;
        foreach (var response in any)
        {
            withDesk += (await response.JsonAsync()).GetProperty("desk").ValueKind == JsonValueKind.Object ? 1 : 0;
        }

        Assert.Equal(2, withDesk);
        var claims = await host.InScopeAsync(db => db.SessionDesks.Where(d => d.SessionId == id).ToListAsync());
        Assert.All(claims, d => Assert.NotNull(d.RegistrationId));
        Assert.Equal(3, claims.Select(d => d.RegistrationId).Distinct().Count());
        foreach (var desk in desks)
        {
            // One active reservation per desk for the session: its attendee's; never two.
            var active = await ActiveOnAsync(desk.Id);
            var owner = Assert.Single(active);
            Assert.Equal(claims.Single(d => d.ResourceId == desk.Id).ReservationId, owner.Id);
        }

        Assert.Equal(9, await host.InScopeAsync(db => db.SessionRegistrations.CountAsync(r => r.SessionId == id)));
    }

    [Fact]
    public async Task CancelRegistration_PromotesTheWaitingListWithTheDesk_MailSaysWhich_ThenBackToThePool()
    {
        var (staff, id, desks, start) = await NetworkingAsync(desks: 1, capacity: 1);
        var first = await host.SignInNewAsync();
        var waiting = await host.SignInNewAsync();
        var firstDesk = (await (await first.Http.PostAsync($"/api/v1/sessions/{id}/registrations", null)).JsonAsync()).GetProperty("desk").GetProperty("reservationId").GetGuid();
        var line = await (await waiting.Http.PostAsync($"/api/v1/sessions/{id}/registrations", null)).JsonAsync();
        Assert.Equal("waitlisted", line.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, line.GetProperty("desk").ValueKind);

        await (await first.Http.DeleteAsync($"/api/v1/sessions/{id}/registrations/mine")).JsonAsync();

        Assert.Equal("cancelled", await StatusAsync(firstDesk));
        var promoted = (await staff.Http.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{id}/registrations")).EnumerateArray().Single(r => r.GetProperty("patronId").GetGuid() == waiting.UserId);
        Assert.Equal("registered", promoted.GetProperty("status").GetString());
        Assert.Equal(desks[0].Id, promoted.GetProperty("desk").GetProperty("id").GetGuid());
        Assert.Equal(waiting.UserId, Assert.Single(await ActiveOnAsync(desks[0].Id)).PatronId);
        Assert.Empty(await host.DeliverAllAsync());
        var mail = Assert.Single(host.Smtp.To(waiting.Email), m => m.Subject?.Contains("You have a place", StringComparison.Ordinal) == true);
        Assert.Contains(desks[0].Name, mail.TextBody ?? mail.HtmlBody, StringComparison.Ordinal);

        // Nobody waits now: the desk goes back to the session's pool (held again, not public).
        await (await waiting.Http.DeleteAsync($"/api/v1/sessions/{id}/registrations/mine")).JsonAsync();
        var hold = Assert.Single(await ActiveOnAsync(desks[0].Id));
        Assert.Equal(staff.UserId, hold.PatronId);
        var outsider = await host.SignInNewAsync();
        await (await outsider.Http.BookAsync(desks[0].Id, start, start.AddHours(4))).ShouldBeProblemAsync(HttpStatusCode.Conflict, "slot-taken");
        var again = await (await outsider.Http.PostAsync($"/api/v1/sessions/{id}/registrations", null)).JsonAsync();
        Assert.Equal(desks[0].Id, again.GetProperty("desk").GetProperty("id").GetGuid());

        // Cancelling the session ends the attendee's desk too, and frees it.
        await (await staff.Http.PostAsJsonAsync($"/api/v1/sessions/{id}/cancel", new { reason = "Speaker ill" })).JsonAsync();
        Assert.Empty(await ActiveOnAsync(desks[0].Id));
    }

    [Fact]
    public async Task CancelTheDeskReservation_BackToThePool_RegistrationKeepsItsPlace()
    {
        var (staff, id, desks, start) = await NetworkingAsync(desks: 1);
        var patron = await host.SignInNewAsync();
        var mine = (await (await patron.Http.PostAsync($"/api/v1/sessions/{id}/registrations", null)).JsonAsync()).GetProperty("desk").GetProperty("reservationId").GetGuid();
        var waiter = await host.SignInNewAsync();
        await (await waiter.Http.PostAsJsonAsync("/api/v1/waitlist", new { resourceId = desks[0].Id, start, end = start.AddHours(4) })).JsonAsync();

        await (await patron.Http.PostAsync($"/api/v1/reservations/{mine}/cancel", null)).JsonAsync();

        Assert.Equal(staff.UserId, Assert.Single(await ActiveOnAsync(desks[0].Id)).PatronId);
        Assert.False(await host.InScopeAsync(db => db.Reservations.AnyAsync(r => r.PatronId == waiter.UserId)));
        var registration = (await staff.Http.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{id}/registrations")).EnumerateArray().Single();
        Assert.Equal("registered", registration.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, registration.GetProperty("desk").ValueKind);
    }

    [Fact]
    public async Task NoShow_ClaimedDeskBackToThePoolNotPublic_CheckedInKept_PoolHoldsAreNoNoShows()
    {
        var (staff, id, desks, start) = await NetworkingAsync(desks: 3);
        var present = await host.SignInNewAsync();
        var absent = await host.SignInNewAsync();
        var presentClaim = (await (await present.Http.PostAsync($"/api/v1/sessions/{id}/registrations", null)).JsonAsync()).GetProperty("desk");
        var presentDesk = presentClaim.GetProperty("reservationId").GetGuid();
        var presentDeskId = presentClaim.GetProperty("id").GetGuid();
        var absentDesk = (await (await absent.Http.PostAsync($"/api/v1/sessions/{id}/registrations", null)).JsonAsync()).GetProperty("desk");
        var absentReservation = absentDesk.GetProperty("reservationId").GetGuid();
        var absentDeskId = absentDesk.GetProperty("id").GetGuid();

        host.Clock.MoveTo(start.AddMinutes(-10));
        var presentNow = await host.SignInAsync(present.Email, MakerspaceHost.Password);
        await (await presentNow.PostAsync($"/api/v1/reservations/{presentDesk}/check-in", null)).JsonAsync();

        host.Clock.MoveTo(start.AddMinutes(60)); // a desk's no-show grace is 60 minutes
        await host.SweepAsync<NoShowSweep>();
        Assert.Equal(0, await host.SweepAsync<NoShowSweep>());

        Assert.Equal("checked-in", await StatusAsync(presentDesk));
        Assert.Equal("no-show", await StatusAsync(absentReservation));
        var hold = Assert.Single(await ActiveOnAsync(absentDeskId));
        Assert.Equal(staff.UserId, hold.PatronId);
        Assert.Equal(ReservationStatus.Confirmed, hold.Status);
        var poolDesk = desks.Single(d => d.Id != absentDeskId && d.Id != presentDeskId);
        var poolHold = Assert.Single(await ActiveOnAsync(poolDesk.Id));
        Assert.Equal((staff.UserId, ReservationStatus.Confirmed), (poolHold.PatronId, poolHold.Status));
        var desk = await host.InScopeAsync(db => db.SessionDesks.SingleAsync(d => d.SessionId == id && d.ResourceId == absentDeskId));
        Assert.Null(desk.RegistrationId);
        Assert.Equal(hold.Id, desk.ReservationId);
        Assert.Equal(0, await host.InScopeAsync(db => db.Notifications.CountAsync(n => (n.ReservationId == poolHold.Id || n.ReservationId == hold.Id) && n.Kind == NotificationKinds.NoShow)));

        var outsider = await host.SignInNewAsync();
        await (await outsider.Http.BookAsync(absentDeskId, start.AddHours(1).AddMinutes(30), start.AddHours(5).AddMinutes(30))).ShouldBeProblemAsync(HttpStatusCode.Conflict, "slot-taken");
    }

    [Fact]
    public async Task UnclaimedDeskSweep_AtTheConfiguredTime_ReleasesOnlyUnclaimedDesks_Once()
    {
        var (staff, id, desks, start) = await NetworkingAsync(desks: 2);
        var patron = await host.SignInNewAsync();
        var claimed = (await (await patron.Http.PostAsJsonAsync($"/api/v1/sessions/{id}/registrations", new { deskId = desks[0].Id })).JsonAsync()).GetProperty("desk").GetProperty("reservationId").GetGuid();
        var waiter = await host.SignInNewAsync();
        await (await waiter.Http.PostAsJsonAsync("/api/v1/waitlist", new { resourceId = desks[1].Id, start, end = start.AddHours(4) })).JsonAsync();

        host.Clock.MoveTo(start.AddHours(-2).AddSeconds(-1)); // Sessions:ReleaseUnclaimedDesksBefore defaults to 2 hours
        Assert.Equal(0, await host.SweepAsync<UnclaimedDeskSweep>());
        Assert.Equal(staff.UserId, Assert.Single(await ActiveOnAsync(desks[1].Id)).PatronId);

        host.Clock.MoveTo(start.AddHours(-2));
        var runs = await Task.WhenAll(host.SweepAsync<UnclaimedDeskSweep>(), host.SweepAsync<UnclaimedDeskSweep>());
        Assert.Equal(1, runs.Sum());
        Assert.Equal(0, await host.SweepAsync<UnclaimedDeskSweep>());

        // The released desk went to public booking (here the waiting list's offer); the claimed one stays the attendee's.
        var offered = Assert.Single(await ActiveOnAsync(desks[1].Id));
        Assert.Equal(waiter.UserId, offered.PatronId);
        Assert.Equal("confirmed", await StatusAsync(claimed));
        var desk = await host.InScopeAsync(db => db.SessionDesks.SingleAsync(d => d.SessionId == id && d.ResourceId == desks[1].Id));
        Assert.NotNull(desk.ReleasedAtUtc);
        var session = await host.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{id}");
        Assert.Equal(new[] { desks[0].Id }, session.GetProperty("desks").EnumerateArray().Select(d => d.GetProperty("id").GetGuid()));

        // A registration now gets a place and no desk; asking for the released one is refused.
        var late = await host.SignInNewAsync();
        await (await late.Http.PostAsJsonAsync($"/api/v1/sessions/{id}/registrations", new { deskId = desks[1].Id })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "slot-taken");
        var noDesk = await (await late.Http.PostAsync($"/api/v1/sessions/{id}/registrations", null)).JsonAsync();
        Assert.Equal(JsonValueKind.Null, noDesk.GetProperty("desk").ValueKind);
    }

    [Fact]
    public async Task StrangersAndOtherPatrons_CannotClaimOrSeeSomeoneElsesDesk()
    {
        var (_, id, desks, _) = await NetworkingAsync(desks: 2);
        var attendee = await host.SignInNewAsync();
        var mine = (await (await attendee.Http.PostAsync($"/api/v1/sessions/{id}/registrations", null)).JsonAsync()).GetProperty("desk").GetProperty("reservationId").GetGuid();
        var other = await host.SignInNewAsync();

        var stranger = host.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.PostAsJsonAsync($"/api/v1/sessions/{id}/registrations", new { deskId = desks[1].Id })).StatusCode);
        await (await other.Http.GetAsync($"/api/v1/sessions/{id}/registrations")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await other.Http.GetAsync($"/api/v1/reservations/{mine}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await other.Http.PostAsync($"/api/v1/reservations/{mine}/cancel", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await other.Http.DeleteAsync($"/api/v1/sessions/{id}/registrations/mine")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal(attendee.UserId, Assert.Single(await ActiveOnAsync(desks[0].Id)).PatronId);

        // The public session says which desks are free, never who has the others.
        var publicJson = await stranger.GetStringAsync($"/api/v1/sessions/{id}");
        Assert.DoesNotContain(attendee.UserId.ToString(), publicJson, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(attendee.Email, publicJson, StringComparison.OrdinalIgnoreCase);
        var page = new PageSession(host);
        await page.SignInAsync(other.Email, MakerspaceHost.Password);
        var html = await page.GetAsync($"/sessions/{id}");
        Assert.DoesNotContain(attendee.Email, html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Your desk", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"value=\"{desks[0].Id}\"", html, StringComparison.Ordinal); // a taken desk is not offered
        Assert.Contains($"value=\"{desks[1].Id}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DetailsPage_FormChoosesADesk_WithoutScript_AndSpeaksSpanish()
    {
        var (_, id, desks, _) = await NetworkingAsync(desks: 2);
        var patron = await host.SignInNewAsync();
        var page = new PageSession(host);
        await page.SignInAsync(patron.Email, MakerspaceHost.Password);
        var english = await page.GetAsync($"/sessions/{id}");
        Assert.Contains("Choose your coworking desk", english, StringComparison.Ordinal);
        Assert.Contains($"form=\"register-form\"", english, StringComparison.Ordinal);

        var (status, html, _) = await page.SubmitAsync("/sessions", "/language", new Dictionary<string, string> { ["lang"] = "es", ["returnUrl"] = $"/sessions/{id}" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Elija su escritorio de cotrabajo", html, StringComparison.Ordinal);
        Assert.Contains("Cualquier escritorio libre", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Choose your coworking desk", html, StringComparison.Ordinal);

        var token = await page.FormTokenAsync($"/sessions/{id}");
        var (_, bad, _) = await page.PostFormAsync($"/sessions/{id}?handler=Register", token, [new("deskId", "not-a-desk")]);
        Assert.Contains("Ese escritorio no es de los que reserva esta sesión", WebUtility.HtmlDecode(bad), StringComparison.Ordinal);
        Assert.False(await host.InScopeAsync(db => db.SessionRegistrations.AnyAsync(r => r.PatronId == patron.UserId)));

        var (done, registered, _) = await page.PostFormAsync($"/sessions/{id}?handler=Register", token, [new("deskId", desks[1].Id.ToString())]);
        Assert.Equal(HttpStatusCode.OK, done);
        Assert.Contains($"Su escritorio: {desks[1].Name}.", registered, StringComparison.Ordinal);
        Assert.Equal(patron.UserId, Assert.Single(await ActiveOnAsync(desks[1].Id)).PatronId);
    }

    /// <summary>A networking session two days ahead holding every desk of a new branch (named in order); desks sorted as held.</summary>
    private async Task<(SignedInClient Staff, Guid Id, List<Resource> Desks, DateTimeOffset Start)> NetworkingAsync(int desks, int capacity = 10)
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var made = new List<Resource>();
        for (var i = 0; i < desks; i++)
        {
            made.Add(await host.ResourceAsync(branch.Id, KnownKinds.CoworkingDesk));
        }

        var start = host.Clock.DaysAhead(Zone, 2, 12);
        var session = await (await staff.Http.ScheduleAsync(new
        {
            kind = "networking",
            title = "Founders' lunch",
            roomId = room.Id,
            start,
            end = start.AddHours(2),
            capacity,
            holdDesks = desks,
        })).JsonAsync();
        return (staff, session.GetProperty("id").GetGuid(), made.OrderBy(d => d.Name, StringComparer.Ordinal).ToList(), start);
    }

    private Task<List<Reservation>> ActiveOnAsync(Guid deskId) =>
        host.InScopeAsync(db => db.Reservations.AsNoTracking()
            .Where(r => r.ResourceId == deskId && (r.Status == ReservationStatus.Pending || r.Status == ReservationStatus.Confirmed || r.Status == ReservationStatus.CheckedIn))
            .ToListAsync());

    private async Task<string> StatusAsync(Guid reservationId) =>
        (await host.InScopeAsync(db => db.Reservations.Where(r => r.Id == reservationId).Select(r => r.Status).SingleAsync())).ToCode();
}
