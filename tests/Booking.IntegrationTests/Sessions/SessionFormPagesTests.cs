using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Booking.Data.Identity;
using Booking.Domain.Notifications;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.Domain.Sessions;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Booking.IntegrationTests.Partners;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Booking.IntegrationTests.Sessions;

/// <summary>The desk's pages to schedule, edit and cancel sessions, posted as a browser without JavaScript would.</summary>
public sealed class SessionFormPagesTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task NewSession_PreFilledFromTheQuery_Training_ScheduledWithRoomHeld()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var certification = await admin.Http.CertificationAsync(name: $"Lathe safety {Guid.NewGuid():N}");
        var partner = await PartnerAsync(admin.Http);
        var desk = await DeskAsync(staff.Email);

        var url = $"/desk/sessions/new?kind=training&title=Lathe%20basics&certificationId={certification}&locationId={branch.Id}";
        var form = await desk.GetAsync(url);
        Assert.Contains("value=\"Lathe basics\"", form);
        Assert.Contains("<option value=\"training\" selected=\"selected\">", form);
        Assert.Contains($"<option value=\"{certification}\" selected=\"selected\">", form);
        Assert.Contains($"value=\"{room.Id}\"", form);

        var start = host.Clock.DaysAhead(Zone, 4, 10);
        var fields = Fields(room.Id, start, "training", "Lathe basics");
        fields["CertificationId"] = certification.ToString();
        fields["PartnerId"] = partner.ToString();
        var (status, html, landed) = await desk.SubmitAsync(url, "/desk/sessions/new", fields);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Scheduled Lathe basics.", html);
        var session = await host.InScopeAsync(db => db.Sessions.AsNoTracking().SingleAsync(s => s.RoomId == room.Id));
        Assert.Equal($"/desk/sessions/{session.Id}", landed?.AbsolutePath);
        Assert.Equal(SessionKind.Training, session.Kind);
        Assert.Equal(certification, session.CertificationId);
        Assert.Equal(partner, session.PartnerId);
        Assert.Equal(6, session.Capacity);
        Assert.Equal(start.UtcDateTime, session.StartsAtUtc);
        var hold = await host.InScopeAsync(db => db.Reservations.AsNoTracking().SingleAsync(r => r.Id == session.RoomReservationId));
        Assert.Equal(ReservationStatus.Confirmed, hold.Status);
        Assert.Equal(room.Id, hold.ResourceId);
    }

    [Fact]
    public async Task NewSession_BadInput_MessagesBesideTheFields_NothingScheduled()
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var desk = await DeskAsync(staff.Email);
        var start = host.Clock.DaysAhead(Zone, 4, 10);

        var fields = Fields(room.Id, start, "training", " ");
        fields["End"] = Local(start.AddHours(-1));
        fields["Capacity"] = "0";
        fields["HoldDesks"] = "3";
        var (status, html, _) = await desk.SubmitAsync("/desk/sessions/new", "/desk/sessions/new", fields);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Nothing was saved", html);
        Assert.Contains("Give the session a title.", html);
        Assert.Contains("The end must be after the start.", html);
        Assert.Contains("Capacity is 1 to 500 people.", html);
        Assert.Contains("A training grants a certification: choose which.", html);
        Assert.Contains("Only a networking session holds coworking desks.", html);
        Assert.Contains("data-valmsg-for=\"CertificationId\"", html);

        // Not a number, not a date, an unknown kind and room: said in words, never a 500.
        var (strangeStatus, strange, _) = await desk.SubmitAsync("/desk/sessions/new", "/desk/sessions/new", new Dictionary<string, string>
        {
            ["Kind"] = "party",
            ["Title"] = new string('x', 5000),
            ["RoomId"] = Guid.NewGuid().ToString(),
            ["Start"] = "tomorrow",
            ["End"] = "9999-99-99",
            ["Capacity"] = "lots",
        });
        Assert.Equal(HttpStatusCode.OK, strangeStatus);
        Assert.Contains("Choose the kind of session.", strange);
        Assert.Contains("Choose a room.", strange);
        Assert.Contains("Give a date and a time.", strange);
        Assert.Contains("Give a whole number.", strange);
        Assert.False(await host.InScopeAsync(db => db.Sessions.AnyAsync(s => s.RoomId == room.Id)));
    }

    [Fact]
    public async Task NewSession_RoomTaken_RefusedBesideTheRoom_NothingScheduled()
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var start = host.Clock.DaysAhead(Zone, 5, 10);
        await (await staff.Http.ScheduleAsync(new { kind = "workshop", title = "First", roomId = room.Id, start, end = start.AddHours(2), capacity = 4 })).JsonAsync();
        var desk = await DeskAsync(staff.Email);

        var (_, html, _) = await desk.SubmitAsync("/desk/sessions/new", "/desk/sessions/new", Fields(room.Id, start, "workshop", "Second"));

        Assert.Contains("The session cannot be scheduled in", html);
        Assert.Equal(1, await host.InScopeAsync(db => db.Sessions.CountAsync(s => s.RoomId == room.Id)));
    }

    [Fact]
    public async Task Edit_ChangesTitleAndHost_RegistrationsStay_EmptyTitleRefused()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        var id = await WorkshopAsync(staff.Http, "Soldering");
        await (await patron.Http.PostAsync($"/api/v1/sessions/{id}/registrations", null)).JsonAsync();
        var partner = await PartnerAsync(admin.Http);
        var desk = await DeskAsync(staff.Email);
        var page = $"/desk/sessions/{id}/edit";
        Assert.Contains("value=\"Soldering\"", await desk.GetAsync(page));

        var (_, refused, _) = await desk.SubmitAsync(page, page, new Dictionary<string, string> { ["Title"] = "", ["Description"] = "x", ["PartnerId"] = Guid.NewGuid().ToString() });
        Assert.Contains("Give the session a title.", refused);
        Assert.Contains("Choose a partner organisation from the list, or none.", refused);
        Assert.Equal("Soldering", await host.InScopeAsync(db => db.Sessions.Where(s => s.Id == id).Select(s => s.Title).SingleAsync()));

        var (_, saved, landed) = await desk.SubmitAsync(page, page, new Dictionary<string, string>
        {
            ["Title"] = "Soldering for beginners",
            ["Description"] = "Bring nothing.",
            ["PartnerId"] = partner.ToString(),
        });
        Assert.Contains("Saved the session", saved);
        Assert.Equal($"/desk/sessions/{id}", landed?.AbsolutePath);
        var session = await host.InScopeAsync(db => db.Sessions.AsNoTracking().Include(s => s.Registrations).SingleAsync(s => s.Id == id));
        Assert.Equal("Soldering for beginners", session.Title);
        Assert.Equal("Bring nothing.", session.Description);
        Assert.Equal(partner, session.PartnerId);
        Assert.Equal(RegistrationStatus.Registered, Assert.Single(session.Registrations).Status);
        Assert.True(await host.InScopeAsync(db => db.AuditLog.AnyAsync(a => a.Action == "session.revise" && a.Subject == $"session:{id}")));
    }

    [Fact]
    public async Task NewSession_SeatsSetAsideForAPartner_RefusedLikeTheApi_ThenSaved_TheAttendancePageCountsThem()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var host1 = await PartnerAsync(admin.Http);
        var seatsFor = await PartnerAsync(admin.Http);
        var seatsName = await host.InScopeAsync(db => db.Partners.Where(p => p.Id == seatsFor).Select(p => p.Name).SingleAsync());
        var desk = await DeskAsync(staff.Email);
        var start = host.Clock.DaysAhead(Zone, 4, 14);
        var form = await desk.GetAsync("/desk/sessions/new");
        Assert.Contains("<legend>Seats set aside for a partner</legend>", form);
        Assert.Contains($"<option value=\"{seatsFor}\">", form);
        Assert.Contains("name=\"PartnerSeats\" type=\"number\" min=\"0\"", form);

        async Task<string> RefusedAsync(string partner, string seats, string hostPartner = "")
        {
            var fields = Fields(room.Id, start, "workshop", "Job fair");
            (fields["SeatsPartnerId"], fields["PartnerSeats"], fields["PartnerId"]) = (partner, seats, hostPartner);
            var (status, html, _) = await desk.SubmitAsync("/desk/sessions/new", "/desk/sessions/new", fields);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("Nothing was saved", html);
            return WebUtility.HtmlDecode(html);
        }

        Assert.Contains("Set aside 0 seats, or up to the capacity (6).", await RefusedAsync(seatsFor.ToString(), "7"));
        Assert.Contains("Set aside 0 seats, or up to the capacity (6).", await RefusedAsync(seatsFor.ToString(), "-1"));
        Assert.Contains("Choose the partner organisation the seats are set aside for.", await RefusedAsync("", "2"));
        Assert.Contains("Say how many seats to set aside for the partner, or choose none.", await RefusedAsync(seatsFor.ToString(), "0"));
        Assert.Contains("The hosting partner registers its clients for any place: set seats aside for another partner.", await RefusedAsync(host1.ToString(), "2", host1.ToString()));
        Assert.Contains("Choose a partner organisation from the list, or none.", await RefusedAsync(Guid.NewGuid().ToString(), "2"));
        Assert.Contains("Give a whole number.", await RefusedAsync(seatsFor.ToString(), "a few"));
        Assert.False(await host.InScopeAsync(db => db.Sessions.AnyAsync(s => s.RoomId == room.Id)));

        var ok = Fields(room.Id, start, "workshop", "Job fair");
        (ok["SeatsPartnerId"], ok["PartnerSeats"], ok["PartnerId"]) = (seatsFor.ToString(), "2", host1.ToString());
        var (_, saved, landed) = await desk.SubmitAsync("/desk/sessions/new", "/desk/sessions/new", ok);

        var session = await host.InScopeAsync(db => db.Sessions.AsNoTracking().SingleAsync(s => s.RoomId == room.Id));
        Assert.Equal($"/desk/sessions/{session.Id}", landed?.AbsolutePath);
        Assert.Equal((seatsFor, 2, host1), (session.SeatsPartnerId!.Value, session.PartnerSeats, session.PartnerId!.Value));
        Assert.Contains($"Seats set aside for {seatsName}: 0 of 2 taken. The public may take the other 4 places.", WebUtility.HtmlDecode(saved));
        var view = await (await host.CreateClient().GetAsync($"/api/v1/sessions/{session.Id}")).JsonAsync();
        Assert.Equal((6, 4, 4, 2), (view.GetProperty("capacity").GetInt32(), view.GetProperty("publicCapacity").GetInt32(), view.GetProperty("placesLeft").GetInt32(), view.GetProperty("partnerSeats").GetInt32()));
        Assert.Equal(seatsName, view.GetProperty("seatsPartner").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Edit_SeatsSetAside_NeverFewerThanTheClientsOnThem_NorMoreThanThePublicLeaves_FreedPlacesPromoteTheLine()
    {
        var (partnerId, partnerStaff) = await host.PartnerWithStaffAsync(["room"], null);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var start = host.Clock.DaysAhead(Zone, 5, 14);
        var id = (await (await staff.Http.ScheduleAsync(new { kind = "workshop", title = "CV clinic", roomId = room.Id, start, end = start.AddHours(1), capacity = 4, seatsPartnerId = partnerId, partnerSeats = 2 })).JsonAsync())
            .GetProperty("id").GetGuid();
        var client = await PartnerSetup.ClientAsync(partnerStaff, "Seat holder");
        Assert.Equal(HttpStatusCode.NoContent, (await partnerStaff.Http.PostAsync($"/api/v1/partner/clients/{client}/sessions/{id}", null)).StatusCode);
        var first = await host.SignInNewAsync();
        var second = await host.SignInNewAsync();
        var third = await host.SignInNewAsync();
        foreach (var patron in new[] { first, second, third })
        {
            await (await patron.Http.PostAsync($"/api/v1/sessions/{id}/registrations", null)).JsonAsync();
        }

        var desk = await DeskAsync(staff.Email);
        var page = $"/desk/sessions/{id}/edit";
        var form = await desk.GetAsync(page);
        Assert.Contains($"<option value=\"{partnerId}\" selected=\"selected\">", form);
        Assert.Contains("1 of them is taken by the partner's clients.", WebUtility.HtmlDecode(form));

        async Task<string> PostAsync(string partner, string seats)
        {
            var (_, html, _) = await desk.SubmitAsync(page, page, new Dictionary<string, string>
            {
                ["Title"] = "CV clinic",
                ["Description"] = "",
                ["PartnerId"] = "",
                ["SeatsPartnerId"] = partner,
                ["PartnerSeats"] = seats,
            });
            return WebUtility.HtmlDecode(html);
        }

        Assert.Contains("The partner's clients already hold 1 of the seats set aside: set aside at least 1.", await PostAsync("", "0"));
        var (otherPartner, _) = await host.PartnerWithStaffAsync(["room"], null);
        Assert.Contains("The partner's clients already hold 1 of the seats set aside: keep that partner while they are registered.", await PostAsync(otherPartner.ToString(), "2"));
        Assert.Contains("The public holds 2 of the 4 places: set aside at most 2.", await PostAsync(partnerId.ToString(), "3"));
        Assert.Contains("Set aside 0 seats, or up to the capacity (4).", await PostAsync(partnerId.ToString(), "5"));
        var unchanged = await host.InScopeAsync(db => db.Sessions.AsNoTracking().Include(s => s.Registrations).SingleAsync(s => s.Id == id));
        Assert.Equal((2, 1), (unchanged.PartnerSeats, unchanged.Waiting));

        var saved = await PostAsync(partnerId.ToString(), "1");

        Assert.Contains("Saved the session", saved);
        var session = await host.InScopeAsync(db => db.Sessions.AsNoTracking().Include(s => s.Registrations).SingleAsync(s => s.Id == id));
        Assert.Equal((1, partnerId), (session.PartnerSeats, session.SeatsPartnerId!.Value));
        Assert.Equal(RegistrationStatus.Registered, session.Registrations.Single(r => r.PatronId == third.UserId).Status);
        Assert.Equal(4, session.PlacesTaken);
        Assert.True(await host.InScopeAsync(db => db.Notifications.AnyAsync(n => n.RecipientId == third.UserId && n.Kind == NotificationKinds.SessionPromoted)));
        Assert.True(await host.InScopeAsync(db => db.AuditLog.AnyAsync(a => a.Action == "session.partner-seats" && a.Subject == $"session:{id}")));
        Assert.Contains("Seats set aside for", saved);
        Assert.Contains(": 1 of 1 taken. The public may take the other 3 places.", saved);
    }

    [Fact]
    public async Task Cancel_NeedsAReason_ThenFreesTheRoomAndTellsTheRegistrant()
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        var id = await WorkshopAsync(staff.Http, "Knitting circuits");
        await (await patron.Http.PostAsync($"/api/v1/sessions/{id}/registrations", null)).JsonAsync();
        var desk = await DeskAsync(staff.Email);
        var page = $"/desk/sessions/{id}/cancel";
        Assert.Contains("1 registered or waiting patron is told by e-mail", await desk.GetAsync(page));

        var (_, refused, _) = await desk.SubmitAsync(page, page, new Dictionary<string, string> { ["Reason"] = "  " });
        Assert.Contains("Give a reason; registrants are told.", refused);
        Assert.False(await host.InScopeAsync(db => db.Sessions.Where(s => s.Id == id).Select(s => s.CancelledAtUtc != null).SingleAsync()));

        var (_, done, landed) = await desk.SubmitAsync(page, page, new Dictionary<string, string> { ["Reason"] = "The tutor is ill." });
        Assert.Contains("Cancelled Knitting circuits.", done);
        Assert.Equal($"/desk/sessions/{id}", landed?.AbsolutePath);
        var session = await host.InScopeAsync(db => db.Sessions.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.Equal("The tutor is ill.", session.CancellationReason);
        Assert.Equal(ReservationStatus.Cancelled, await host.InScopeAsync(db => db.Reservations.Where(r => r.Id == session.RoomReservationId).Select(r => r.Status).SingleAsync()));
        Assert.True(await host.InScopeAsync(db => db.Notifications.AnyAsync(n => n.RecipientId == patron.UserId)));

        // A second time: nothing to cancel, no form.
        Assert.Contains("already cancelled", await desk.GetAsync(page));
    }

    [Theory]
    [InlineData("/desk/sessions/new")]
    [InlineData("/desk/sessions/{id}/edit")]
    [InlineData("/desk/sessions/{id}/cancel")]
    public async Task SessionForms_Patron_Forbidden_Stranger_SentToSignIn(string template)
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var id = await WorkshopAsync(staff.Http, "Private");
        var url = template.Replace("{id}", id.ToString(), StringComparison.Ordinal);
        var patron = await host.SignInNewAsync();
        var browser = await DeskAsync(patron.Email);

        Assert.Contains("<h1>Not for this account</h1>", await browser.GetAsync(url, HttpStatusCode.Forbidden));
        // A patron's forged post changes nothing: refused before the handler runs.
        var post = await patron.Http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["Reason"] = "mine", ["Title"] = "mine" }));
        Assert.True(post.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"{post.StatusCode}");
        Assert.Equal("Private", await host.InScopeAsync(db => db.Sessions.Where(s => s.Id == id).Select(s => s.Title).SingleAsync()));

        var stranger = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await stranger.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/sign-in", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditAndCancel_UnknownSession_NotFound()
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var desk = await DeskAsync(staff.Email);
        await desk.GetAsync($"/desk/sessions/{Guid.NewGuid()}/edit", HttpStatusCode.NotFound);
        await desk.GetAsync($"/desk/sessions/{Guid.NewGuid()}/cancel", HttpStatusCode.NotFound);
    }

    private async Task<PageSession> DeskAsync(string email)
    {
        var desk = new PageSession(host);
        await desk.SignInAsync(email, MakerspaceHost.Password);
        return desk;
    }

    private async Task<Guid> WorkshopAsync(HttpClient staff, string title)
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var start = host.Clock.DaysAhead(Zone, 3, 10);
        return (await (await staff.ScheduleAsync(new { kind = "workshop", title, roomId = room.Id, start, end = start.AddHours(1), capacity = 4 })).JsonAsync())
            .GetProperty("id").GetGuid();
    }

    private static async Task<Guid> PartnerAsync(HttpClient admin) =>
        (await (await admin.PostAsJsonAsync("/api/v1/partners", new { name = $"Tech Task Force {Guid.NewGuid():N}", description = "Volunteers", offers = "Repair clinics" })).JsonAsync())
            .GetProperty("id").GetGuid();

    private static string Local(DateTimeOffset at) => at.DateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Fields(Guid roomId, DateTimeOffset start, string kind, string title) => new()
    {
        ["Kind"] = kind,
        ["Title"] = title,
        ["Description"] = "Hands on.",
        ["RoomId"] = roomId.ToString(),
        ["Start"] = Local(start),
        ["End"] = Local(start.AddHours(2)),
        ["Capacity"] = "6",
        ["CertificationId"] = "",
        ["PartnerId"] = "",
        ["HoldDesks"] = "",
    };
}
