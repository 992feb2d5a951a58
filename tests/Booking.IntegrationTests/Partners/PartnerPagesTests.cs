using System.Net;
using System.Net.Http.Json;
using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.Domain.Sessions;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Booking.IntegrationTests.Partners;

/// <summary>
/// The partner desk's pages (issue #20, part 3), on both databases, as a browser without JavaScript uses them: partner
/// staff create a client without e-mail, book for them within the partner's limits, print the confirmation and register
/// them for a session the partner hosts; another organisation's staff get 404, patrons and library staff 403, strangers
/// the sign-in page.
/// </summary>
public sealed class PartnerPagesTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "Europe/London";

    [Fact]
    public async Task PartnerStaff_CreateAClientWithoutEmail_BookForThem_PrintTheConfirmation_RegisterThemForAHostedSession()
    {
        var (partnerId, staff) = await host.PartnerWithStaffAsync(["room"], 4);
        var branch = await host.BranchAsync(Zone, opens: 0, closes: 0);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var sessionRoom = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var hosted = await host.SessionAsync(sessionRoom.Id, host.Clock.DaysAhead(Zone, 3, 14), partnerId, "Interview practice");
        var page = new PageSession(host);
        await page.SignInAsync(staff.Email, MakerspaceHost.Password);
        var card = "PC" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

        var home = WebUtility.HtmlDecode(await page.GetAsync("/partner"));
        var (createStatus, created, clientUrl) = await page.SubmitAsync("/partner/clients/new", "/partner/clients/new",
            new Dictionary<string, string> { ["DisplayName"] = "Dana Client", ["CardNumber"] = card });

        Assert.Contains("href=\"/partner\"", home);
        // The title names the organisation (a title built from the unformatted sentence once said "{0}").
        var partnerName = await host.InScopeAsync(db => db.Partners.Where(p => p.Id == partnerId).Select(p => p.Name).SingleAsync());
        Assert.Contains($"<title>Partner desk: {partnerName} ·", home);
        Assert.Contains("Each client may hold at most 4 hours a week", home);
        Assert.Contains("Interview practice", home);
        Assert.Equal(HttpStatusCode.OK, createStatus);
        Assert.StartsWith("/partner/clients/", clientUrl!.AbsolutePath);
        var clientId = Guid.Parse(clientUrl.AbsolutePath["/partner/clients/".Length..]);
        var text = WebUtility.HtmlDecode(created);
        Assert.Contains("Added Dana Client to your clients", text);
        Assert.Contains("<title>Client: Dana Client ·", text);
        Assert.Contains($"•••• {card[^4..]}", text);
        Assert.DoesNotContain(card, text);
        Assert.True(await host.InScopeAsync(db => db.PartnerClients.AnyAsync(c => c.PartnerId == partnerId && c.PatronId == clientId)));
        Assert.Null(await host.InScopeAsync(db => db.Users.Where(u => u.Id == clientId).Select(u => u.Email).SingleAsync()));

        var start = host.Clock.DaysAhead(Zone, 2, 10);
        var token = await page.FormTokenAsync($"/partner/clients/{clientId}");
        var (bookStatus, confirmation, confirmationUrl) = await page.PostFormAsync($"/partner/clients/{clientId}?handler=Book", token,
            [new("ResourceId", room.Id.ToString()), new("Date", start.ToString("yyyy-MM-dd")), new("StartTime", "10:00"), new("EndTime", "12:00")]);

        Assert.Equal(HttpStatusCode.OK, bookStatus);
        var reservation = await host.InScopeAsync(db => db.Reservations.AsNoTracking().SingleAsync(r => r.PatronId == clientId));
        Assert.Equal(start.UtcDateTime, reservation.StartsAtUtc);
        Assert.Equal($"/partner/reservations/{reservation.Id}/confirmation", confirmationUrl!.AbsolutePath);
        var paper = WebUtility.HtmlDecode(confirmation);
        Assert.Contains("Your reservation", paper);
        Assert.Contains("Dana Client", paper);
        Assert.Contains($"•••• {card[^4..]}", paper);
        Assert.Contains("<svg", confirmation);
        Assert.DoesNotContain("Check the patron in now", paper);
        Assert.True(await host.InScopeAsync(db => db.AuditLog.AnyAsync(a => a.Action == "partner.book" && a.ActorId == staff.UserId)));

        // Printed in another language on request; an unknown or hostile ?lang= is ignored, never an error.
        var spanish = WebUtility.HtmlDecode(await page.GetAsync($"/partner/reservations/{reservation.Id}/confirmation?lang=es"));
        Assert.Contains("<html lang=\"es\">", spanish);
        Assert.Contains("Su reserva", spanish);
        var strange = WebUtility.HtmlDecode(await page.GetAsync($"/partner/reservations/{reservation.Id}/confirmation?lang=%3Cscript%3E{new string('x', 3000)}"));
        Assert.Contains("<html lang=\"en\">", strange);
        Assert.Contains("Your reservation", strange);

        var (registerStatus, registered, _) = await page.PostFormAsync($"/partner/clients/{clientId}?handler=Register", token, [new("SessionId", hosted.ToString())]);

        Assert.Equal(HttpStatusCode.OK, registerStatus);
        Assert.Contains("Registered your client for the session", WebUtility.HtmlDecode(registered));
        Assert.Equal(RegistrationStatus.Registered, await host.InScopeAsync(db => db.SessionRegistrations.Where(g => g.SessionId == hosted && g.PatronId == clientId).Select(g => g.Status).SingleAsync()));
        Assert.Contains($"/partner/reservations/{reservation.Id}/confirmation", registered);
    }

    [Fact]
    public async Task BookAndCreateOnThePages_OtherKind403_OverTheWeeksHours422_BadCard400_TakenCard409_InWords_NothingWritten()
    {
        var (_, staff) = await host.PartnerWithStaffAsync(["room"], 2);
        var branch = await host.BranchAsync(Zone, opens: 0, closes: 0);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var laptop = await host.ResourceAsync(branch.Id, KnownKinds.Laptop);
        var clientId = await PartnerSetup.ClientAsync(staff, "Eli Client");
        var taken = await host.InScopeAsync(db => db.Users.Where(u => u.Id == clientId).Select(u => u.LibraryCardNumber!).SingleAsync());
        var page = new PageSession(host);
        await page.SignInAsync(staff.Email, MakerspaceHost.Password);
        var date = host.Clock.DaysAhead(Zone, 2, 10).ToString("yyyy-MM-dd");
        var url = $"/partner/clients/{clientId}";
        var token = await page.FormTokenAsync(url);

        var (kindStatus, kindHtml, _) = await page.PostFormAsync($"{url}?handler=Book", token,
            [new("ResourceId", laptop.Id.ToString()), new("Date", date), new("StartTime", "10:00"), new("EndTime", "11:00")]);
        var (hoursStatus, hoursHtml, _) = await page.PostFormAsync($"{url}?handler=Book", token,
            [new("ResourceId", room.Id.ToString()), new("Date", date), new("StartTime", "10:00"), new("EndTime", "13:00")]);
        var (emptyStatus, _, _) = await page.PostFormAsync($"{url}?handler=Book", token, [new("ResourceId", room.Id.ToString())]);
        var (badStatus, badHtml, _) = await page.SubmitAsync("/partner/clients/new", "/partner/clients/new", new Dictionary<string, string> { ["DisplayName"] = "X", ["CardNumber"] = "no" });
        var (takenStatus, takenHtml, _) = await page.SubmitAsync("/partner/clients/new", "/partner/clients/new", new Dictionary<string, string> { ["DisplayName"] = "Y", ["CardNumber"] = taken });

        Assert.Equal(HttpStatusCode.Forbidden, kindStatus);
        Assert.Contains("id=\"problem-book\"", kindHtml);
        Assert.Contains("The library does not let your organisation book laptop for its clients.", WebUtility.HtmlDecode(kindHtml));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, hoursStatus);
        Assert.Contains("may hold at most 2 hours a week", WebUtility.HtmlDecode(hoursHtml));
        Assert.Equal(HttpStatusCode.BadRequest, emptyStatus);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Contains("id=\"problem-cardNumber\"", badHtml);
        Assert.Equal(HttpStatusCode.Conflict, takenStatus);
        Assert.Contains("That library card number belongs to another account.", WebUtility.HtmlDecode(takenHtml));
        Assert.False(await host.InScopeAsync(db => db.Reservations.AnyAsync(r => r.PatronId == clientId)));
        Assert.False(await host.InScopeAsync(db => db.Users.AnyAsync(u => u.DisplayName == "X" || u.DisplayName == "Y")));
    }

    [Fact]
    public async Task EveryPartnerPage_OtherPartner404_Patron403_LibraryStaff403_Stranger_SignIn_RemovedStaff403()
    {
        var (partnerId, ours) = await host.PartnerWithStaffAsync(["room"], null);
        var (_, theirs) = await host.PartnerWithStaffAsync(["room"], null);
        var branch = await host.BranchAsync(Zone, opens: 0, closes: 0);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var hosted = await host.SessionAsync((await host.ResourceAsync(branch.Id, KnownKinds.Room)).Id, host.Clock.DaysAhead(Zone, 4, 14), partnerId);
        var client = await PartnerSetup.ClientAsync(ours, "Private Client");
        var booked = await ours.Http.PostAsJsonAsync($"/api/v1/partner/clients/{client}/reservations",
            new { resourceId = room.Id, start = host.Clock.DaysAhead(Zone, 2, 9), end = host.Clock.DaysAhead(Zone, 2, 10) });
        var reservation = (await booked.JsonAsync()).GetProperty("id").GetGuid();
        var everyPage = new[] { "/partner", "/partner/clients/new", $"/partner/clients/{client}", $"/partner/reservations/{reservation}/confirmation" };
        var patron = await PageAsync(await host.SignInNewAsync());
        var staff = await PageAsync(await host.SignInNewAsync(Roles.Staff));
        var other = await PageAsync(theirs);
        var stranger = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        foreach (var url in everyPage)
        {
            Assert.DoesNotContain("href=\"/partner\"", await patron.GetAsync(url, HttpStatusCode.Forbidden));
            await staff.GetAsync(url, HttpStatusCode.Forbidden);
            var anonymous = await stranger.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.StartsWith("/account/sign-in?ReturnUrl=", anonymous.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        var theirHome = await other.GetAsync("/partner");
        Assert.DoesNotContain("Private Client", theirHome);
        await other.GetAsync($"/partner/clients/{client}", HttpStatusCode.NotFound);
        await other.GetAsync($"/partner/reservations/{reservation}/confirmation", HttpStatusCode.NotFound);
        var token = await other.FormTokenAsync("/partner");
        var (bookStatus, _, _) = await other.PostFormAsync($"/partner/clients/{client}?handler=Book", token,
            [new("ResourceId", room.Id.ToString()), new("Date", host.Clock.DaysAhead(Zone, 3, 9).ToString("yyyy-MM-dd")), new("StartTime", "09:00"), new("EndTime", "10:00")]);
        var (registerStatus, _, _) = await other.PostFormAsync($"/partner/clients/{client}?handler=Register", token, [new("SessionId", hosted.ToString())]);
        Assert.Equal(HttpStatusCode.NotFound, bookStatus);
        Assert.Equal(HttpStatusCode.NotFound, registerStatus);
        Assert.Equal(1, await host.InScopeAsync(db => db.Reservations.CountAsync(r => r.PatronId == client)));
        Assert.False(await host.InScopeAsync(db => db.SessionRegistrations.AnyAsync(g => g.PatronId == client)));

        // Our own session, but their client: still a 404, and a session we do not host for our client is one too.
        var ourPage = await PageAsync(ours);
        var ourToken = await ourPage.FormTokenAsync("/partner");
        var library = await host.SessionAsync((await host.ResourceAsync(branch.Id, KnownKinds.Room)).Id, host.Clock.DaysAhead(Zone, 5, 14), null, "Library only");
        var (notHosted, _, _) = await ourPage.PostFormAsync($"/partner/clients/{client}?handler=Register", ourToken, [new("SessionId", library.ToString())]);
        Assert.Equal(HttpStatusCode.NotFound, notHosted);
        Assert.Contains("href=\"/partner\"", await ourPage.GetAsync("/partner"));

        var admin = await host.SignInNewAsync(Roles.Admin);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync($"/api/v1/partners/{partnerId}/staff/{ours.UserId}")).StatusCode);
        await ourPage.GetAsync("/partner", HttpStatusCode.Forbidden);
        await ourPage.GetAsync($"/partner/clients/{client}", HttpStatusCode.Forbidden);
    }

    private async Task<PageSession> PageAsync(SignedInClient who)
    {
        var page = new PageSession(host);
        await page.SignInAsync(who.Email, MakerspaceHost.Password);
        return page;
    }
}
