using System.Net;
using System.Net.Http.Json;
using Booking.Data.Identity;
using Booking.Domain.Notifications;
using Booking.Domain.Partners;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.Workflows.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.IntegrationTests.Partners;

/// <summary>
/// An existing patron becomes a partner's client only by their own consent (issue #20), on both databases: partner staff
/// ask by e-mail or card and always get the same answer; the patron is mailed once and agrees, declines or stops on
/// <c>/account/partners</c>; library staff record the answer of a patron without e-mail at the desk; requests lapse after
/// 30 days; nobody else can answer; every step is audited; closing the account and the privacy sweep remove it all.
/// </summary>
public sealed class PartnerConsentTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "Europe/London";

    [Fact]
    public async Task Ask_SameNeutralAnswer_ForAnUnknownAddress_AKnownAddress_AndACard_MailOnce_NeverForUnknown()
    {
        var (partnerId, staff) = await host.PartnerWithStaffAsync(["room"], null);
        var patron = await host.SignInNewAsync();
        var card = await CardOnlyPatronAsync("Carla Card");
        var before = await RequestMailsAsync();

        var unknown = await AskAsync(staff, new { email = $"nobody-{Guid.NewGuid():N}@example.test" });
        var known = await AskAsync(staff, new { email = patron.Email.ToUpperInvariant() });
        var byCard = await AskAsync(staff, new { cardNumber = card.Card.ToLowerInvariant() });
        var unknownCard = await AskAsync(staff, new { cardNumber = "ZZ" + Guid.NewGuid().ToString("N")[..10] });
        var again = await AskAsync(staff, new { email = patron.Email });
        var libraryStaff = await host.SignInNewAsync(Roles.Staff);
        var askedStaff = await AskAsync(staff, new { email = libraryStaff.Email });

        foreach (var (status, body) in new[] { known, byCard, unknownCard, again, askedStaff })
        {
            Assert.Equal(unknown.Status, status);
            Assert.Equal(unknown.Body, body);
        }

        Assert.Equal(HttpStatusCode.Accepted, unknown.Status);
        Assert.Contains("If this person has an account, we have asked them.", unknown.Body);
        var mails = (await RequestMailsAsync()).Where(n => before.All(b => b.Id != n.Id)).ToList();
        Assert.Equal(patron.UserId, Assert.Single(mails).RecipientId);
        var requests = await host.InScopeAsync(db => db.PartnerClientRequests.AsNoTracking().Where(r => r.PartnerId == partnerId).ToListAsync());
        Assert.Equal(new[] { patron.UserId, card.Id }.Order(), requests.Select(r => r.PatronId).Order());
        Assert.All(requests, r => Assert.Equal(PartnerClientRequestStatus.Pending, r.Status));
        Assert.Equal(6, await host.InScopeAsync(db => db.AuditLog.CountAsync(a => a.Action == "partner.client-ask" && a.ActorId == staff.UserId)));
        // Asked is not agreed: the partner still has no clients.
        Assert.False(await host.InScopeAsync(db => db.PartnerClients.AnyAsync(c => c.PartnerId == partnerId)));
    }

    [Fact]
    public async Task BeforeAgreement_NothingToSee_Decline_StillNothing_Agree_TheClientAppears_Stop_404Again()
    {
        var (declinedId, declined) = await host.PartnerWithStaffAsync(["room"], null);
        var (partnerId, staff) = await host.PartnerWithStaffAsync(["room"], null);
        var branch = await host.BranchAsync(Zone, opens: 0, closes: 0);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        await AskAsync(declined, new { email = patron.Email });
        await AskAsync(staff, new { email = patron.Email });
        var page = new PageSession(host);
        await page.SignInAsync(patron.Email, MakerspaceHost.Password);

        // Asked, not answered: the partner sees nothing and cannot book.
        await (await staff.Http.GetAsync($"/api/v1/partner/clients/{patron.UserId}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await BookAsync(staff, patron.UserId, room.Id, 2)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.DoesNotContain(patron.UserId.ToString(), await staff.Http.GetStringAsync("/api/v1/partner/clients"));

        var mine = WebUtility.HtmlDecode(await page.GetAsync("/account/partners"));
        var declinedName = await PartnerNameAsync(declinedId);
        var partnerName = await PartnerNameAsync(partnerId);
        Assert.Contains(declinedName, mine);
        Assert.Contains(partnerName, mine);
        Assert.Contains("see your bookings and whether you came to the sessions you registered for", mine);
        var token = await page.FormTokenAsync("/account/partners");

        var (declineStatus, afterDecline, _) = await page.PostFormAsync("/account/partners?handler=Answer", token,
            [new("requestId", (await RequestIdAsync(declinedId, patron.UserId)).ToString()), new("agree", "false")]);

        Assert.Equal(HttpStatusCode.OK, declineStatus);
        Assert.Contains($"You declined. {declinedName} sees nothing of you.", WebUtility.HtmlDecode(afterDecline));
        await (await declined.Http.GetAsync($"/api/v1/partner/clients/{patron.UserId}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await BookAsync(declined, patron.UserId, room.Id, 2)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        // Asking again after a "no" sends nothing and opens nothing.
        var mailsBefore = await RequestMailsAsync();
        await AskAsync(declined, new { email = patron.Email });
        Assert.Equal(mailsBefore.Count, (await RequestMailsAsync()).Count);
        Assert.Equal(PartnerClientRequestStatus.Declined, await StatusAsync(declinedId, patron.UserId));

        var (agreeStatus, afterAgree, _) = await page.PostFormAsync("/account/partners?handler=Answer", token,
            [new("requestId", (await RequestIdAsync(partnerId, patron.UserId)).ToString()), new("agree", "true")]);

        Assert.Equal(HttpStatusCode.OK, agreeStatus);
        var agreed = WebUtility.HtmlDecode(afterAgree);
        Assert.Contains($"You agreed: {partnerName} can now see your bookings", agreed);
        Assert.Contains("Partners you are a client of", agreed);
        Assert.Equal(HttpStatusCode.OK, (await staff.Http.GetAsync($"/api/v1/partner/clients/{patron.UserId}")).StatusCode);
        Assert.Contains(patron.UserId.ToString(), await staff.Http.GetStringAsync("/api/v1/partner/clients"));
        Assert.Equal(HttpStatusCode.OK, (await staff.Http.GetAsync($"/partner/clients/{patron.UserId}")).StatusCode);
        // The data download names both requests and the partner they are a client of.
        var export = await (await patron.Http.GetAsync("/api/v1/account/data")).JsonAsync();
        var partners = export.GetProperty("partners");
        Assert.Equal(partnerName, Assert.Single(partners.GetProperty("clientOf").EnumerateArray()).GetProperty("partner").GetString());
        Assert.Equal(new[] { "agreed", "declined" }, partners.GetProperty("requests").EnumerateArray().Select(r => r.GetProperty("status").GetString()).Order());
        var booked = await BookAsync(staff, patron.UserId, room.Id, 3);
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var reservationId = (await booked.JsonAsync()).GetProperty("id").GetGuid();
        // The other partner still sees nothing.
        await (await declined.Http.GetAsync($"/api/v1/partner/clients/{patron.UserId}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");

        var (stopStatus, afterStop, _) = await page.PostFormAsync("/account/partners?handler=Stop", token, [new("partnerId", partnerId.ToString())]);

        Assert.Equal(HttpStatusCode.OK, stopStatus);
        Assert.Contains($"You are no longer a client of {partnerName}.", WebUtility.HtmlDecode(afterStop));
        await (await staff.Http.GetAsync($"/api/v1/partner/clients/{patron.UserId}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await BookAsync(staff, patron.UserId, room.Id, 4)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal(HttpStatusCode.NotFound, (await staff.Http.GetAsync($"/partner/clients/{patron.UserId}")).StatusCode);
        Assert.Equal(ReservationStatus.Confirmed, await host.InScopeAsync(db => db.Reservations.Where(r => r.Id == reservationId).Select(r => r.Status).SingleAsync()));
        // Stopping again: not a client any more, 404.
        Assert.Equal(HttpStatusCode.NotFound, (await page.PostFormAsync("/account/partners?handler=Stop", token, [new("partnerId", partnerId.ToString())])).Status);

        var subject = $"patron:{patron.UserId}";
        var actions = await host.InScopeAsync(db => db.AuditLog.Where(a => a.Subject == subject && a.ActorId == patron.UserId).Select(a => a.Action).ToListAsync());
        Assert.Equal(new[] { "partner.client-agree", "partner.client-decline", "partner.client-stop" }, actions.Order());
    }

    [Fact]
    public async Task AnotherPatron_CannotAnswerOrStop_SomeoneElsesRequest_404_NothingChanges()
    {
        var (partnerId, staff) = await host.PartnerWithStaffAsync(["room"], null);
        var asked = await host.SignInNewAsync();
        var other = await host.SignInNewAsync();
        await AskAsync(staff, new { email = asked.Email });
        var requestId = await RequestIdAsync(partnerId, asked.UserId);
        var page = new PageSession(host);
        await page.SignInAsync(other.Email, MakerspaceHost.Password);
        var token = await page.FormTokenAsync("/account/my-data");

        Assert.DoesNotContain(await PartnerNameAsync(partnerId), WebUtility.HtmlDecode(await page.GetAsync("/account/partners")));
        var (agreeStatus, _, _) = await page.PostFormAsync("/account/partners?handler=Answer", token, [new("requestId", requestId.ToString()), new("agree", "true")]);
        var (unknownStatus, _, _) = await page.PostFormAsync("/account/partners?handler=Answer", token, [new("requestId", Guid.NewGuid().ToString()), new("agree", "true")]);
        var (stopStatus, _, _) = await page.PostFormAsync("/account/partners?handler=Stop", token, [new("partnerId", partnerId.ToString())]);
        using var noToken = host.CreateClient();
        noToken.DefaultRequestHeaders.Authorization = asked.Http.DefaultRequestHeaders.Authorization;
        var forged = await noToken.PostAsync("/account/partners?handler=Answer",
            new FormUrlEncodedContent([new("requestId", requestId.ToString()), new("agree", "true")]));

        Assert.Equal(HttpStatusCode.NotFound, agreeStatus);
        Assert.Equal(HttpStatusCode.NotFound, unknownStatus);
        Assert.Equal(HttpStatusCode.NotFound, stopStatus);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(PartnerClientRequestStatus.Pending, await StatusAsync(partnerId, asked.UserId));
        Assert.False(await host.InScopeAsync(db => db.PartnerClients.AnyAsync(c => c.PartnerId == partnerId)));
        // Patrons and library staff are not partner staff: they cannot ask.
        await (await other.Http.PostAsJsonAsync("/api/v1/partner/client-requests", new { email = asked.Email })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var library = await host.SignInNewAsync(Roles.Staff);
        await (await library.Http.PostAsJsonAsync("/api/v1/partner/client-requests", new { email = asked.Email })).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task CardOnlyPatron_LibraryStaffRecordTheAgreementAtTheDesk_Audited()
    {
        var (partnerId, partnerStaff) = await host.PartnerWithStaffAsync(["room"], null);
        var card = await CardOnlyPatronAsync("Pedro Present");
        var before = await RequestMailsAsync();
        await AskAsync(partnerStaff, new { cardNumber = card.Card });
        var library = await host.SignInNewAsync(Roles.Staff);
        var desk = new PageSession(host);
        await desk.SignInAsync(library.Email, MakerspaceHost.Password);
        var partnerName = await PartnerNameAsync(partnerId);

        var patronPage = WebUtility.HtmlDecode(await desk.GetAsync($"/desk/patrons/{card.Id}"));
        Assert.Contains($"{partnerName} asks to take this patron on as a client", patronPage);
        var token = await desk.FormTokenAsync($"/desk/patrons/{card.Id}");
        var requestId = await RequestIdAsync(partnerId, card.Id);
        // A request id of another patron, posted on this patron's page: 404, nothing changes.
        var stranger = await CardOnlyPatronAsync("Someone Else");
        Assert.Equal(HttpStatusCode.NotFound, (await desk.PostFormAsync($"/desk/patrons/{stranger.Id}?handler=PartnerAnswer&requestId={requestId}", token, [new("agree", "true")])).Status);
        await (await partnerStaff.Http.GetAsync($"/api/v1/partner/clients/{card.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");

        var (status, html, _) = await desk.PostFormAsync($"/desk/patrons/{card.Id}?handler=PartnerAnswer&requestId={requestId}", token, [new("agree", "true")]);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"Recorded: the patron agreed to be a client of {partnerName}.", WebUtility.HtmlDecode(html));
        Assert.Equal(HttpStatusCode.OK, (await partnerStaff.Http.GetAsync($"/api/v1/partner/clients/{card.Id}")).StatusCode);
        Assert.Equal(library.UserId, await host.InScopeAsync(db => db.PartnerClients.Where(c => c.PartnerId == partnerId && c.PatronId == card.Id).Select(c => c.AddedById).SingleAsync()));
        var subject = $"patron:{card.Id}";
        var audit = await host.InScopeAsync(db => db.AuditLog.SingleAsync(a => a.Action == "partner.client-agree-at-desk" && a.Subject == subject));
        Assert.Equal(library.UserId, audit.ActorId);
        Assert.Contains("with the patron present", audit.Details);
        // No mail for a patron without e-mail, ever.
        Assert.Equal(before.Count, (await RequestMailsAsync()).Count);
        // Partner staff cannot use the library's desk to agree for someone.
        var partnerPage = new PageSession(host);
        await partnerPage.SignInAsync(partnerStaff.Email, MakerspaceHost.Password);
        await partnerPage.GetAsync($"/desk/patrons/{card.Id}", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ARequest_LapsesAfter30Days_NotShown_NotAccepted_ThenTheyMayAskAgain()
    {
        var (partnerId, staff) = await host.PartnerWithStaffAsync(["room"], null);
        var patron = await host.SignInNewAsync();
        await AskAsync(staff, new { email = patron.Email });
        var requestId = await RequestIdAsync(partnerId, patron.UserId);
        var partnerName = await PartnerNameAsync(partnerId);
        var before = await RequestMailsAsync();

        host.Clock.Advance(PartnerClientRequest.Lifetime - TimeSpan.FromMinutes(1));
        var page = new PageSession(host);
        await page.SignInAsync(patron.Email, MakerspaceHost.Password);
        Assert.Contains(partnerName, WebUtility.HtmlDecode(await page.GetAsync("/account/partners")));
        var token = await page.FormTokenAsync("/account/partners");
        // Still open a minute before: asking again sends nothing.
        var staffNow = await host.SignInAsync(staff.Email, MakerspaceHost.Password);
        await AskAsync(staff with { Http = staffNow }, new { email = patron.Email });
        Assert.Equal(before.Count, (await RequestMailsAsync()).Count);

        host.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.DoesNotContain(partnerName, WebUtility.HtmlDecode(await page.GetAsync("/account/partners")));
        var (status, _, _) = await page.PostFormAsync("/account/partners?handler=Answer", token, [new("requestId", requestId.ToString()), new("agree", "true")]);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.False(await host.InScopeAsync(db => db.PartnerClients.AnyAsync(c => c.PartnerId == partnerId)));

        // Lapsed: a new ask opens it again, for another 30 days, with one new mail.
        staffNow = await host.SignInAsync(staff.Email, MakerspaceHost.Password);
        await AskAsync(staff with { Http = staffNow }, new { email = patron.Email });
        Assert.Equal(before.Count + 1, (await RequestMailsAsync()).Count);
        Assert.Contains(partnerName, WebUtility.HtmlDecode(await page.GetAsync("/account/partners")));
    }

    [Fact]
    public async Task StrangeInput_400Validation_ForgedPartnerIgnored_TooManyAsks_429()
    {
        var (partnerId, staff) = await host.PartnerWithStaffAsync(["room"], null);
        var (otherPartnerId, _) = await host.PartnerWithStaffAsync(["room"], null);
        var patron = await host.SignInNewAsync();
        var asksBefore = await AsksAsync(partnerId);

        foreach (object body in new object[]
        {
            new { },
            new { email = "" },
            new { email = new string('a', 5000) + "@example.test" },
            new { email = "not an address" },
            new { email = "a@example.test\u0000" },
            new { cardNumber = "ab" },
            new { cardNumber = "12 34 <script>" },
            new { email = patron.Email, cardNumber = "ABCD1234" },
        })
        {
            await (await staff.Http.PostAsJsonAsync("/api/v1/partner/client-requests", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        }

        await (await staff.Http.PostAsync("/api/v1/partner/client-requests", new StringContent("{\"email\": [1,2", System.Text.Encoding.UTF8, "application/json")))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        var page = new PageSession(host);
        await page.SignInAsync(staff.Email, MakerspaceHost.Password);
        var (formStatus, formHtml, _) = await page.SubmitAsync("/partner", "/partner?handler=Ask", new Dictionary<string, string> { ["EmailOrCard"] = new string('x', 3000) });
        Assert.Equal(HttpStatusCode.BadRequest, formStatus);
        Assert.Contains("Give the patron&#x27;s e-mail address or their library card number.", formHtml);
        Assert.Equal(asksBefore, await AsksAsync(partnerId));
        Assert.False(await host.InScopeAsync(db => db.PartnerClientRequests.AnyAsync(r => r.PatronId == patron.UserId)));

        // A partner id in the body is not the staff member's organisation: ignored.
        await AskAsync(staff, new { email = patron.Email, partnerId = otherPartnerId });
        Assert.Equal(partnerId, await host.InScopeAsync(db => db.PartnerClientRequests.Where(r => r.PatronId == patron.UserId).Select(r => r.PartnerId).SingleAsync()));

        // The page's form gives the same neutral answer.
        var (askStatus, asked, _) = await page.SubmitAsync("/partner", "/partner?handler=Ask", new Dictionary<string, string> { ["EmailOrCard"] = $"nobody-{Guid.NewGuid():N}@example.test" });
        Assert.Equal(HttpStatusCode.OK, askStatus);
        Assert.Contains("If this person has an account, we have asked them.", WebUtility.HtmlDecode(asked));

        // Every ask counts toward the day's limit, known or not; past it, 429 whoever is named.
        var asks = await AsksAsync(partnerId);
        for (var i = asks; i < PartnerClientRequest.AsksPerDay; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await AskAsync(staff, new { email = $"n{i}-{Guid.NewGuid():N}@example.test" })).Status);
        }

        var late = await host.SignInNewAsync();
        await (await staff.Http.PostAsJsonAsync("/api/v1/partner/client-requests", new { email = late.Email })).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.False(await host.InScopeAsync(db => db.PartnerClientRequests.AnyAsync(r => r.PatronId == late.UserId)));
    }

    [Fact]
    public async Task ClosingTheAccount_AndThePrivacySweep_RemoveRequestsAndClientLinks()
    {
        var (partnerId, staff) = await host.PartnerWithStaffAsync(["room"], null);
        var (otherId, other) = await host.PartnerWithStaffAsync(["room"], null);
        var closing = await host.SignInNewAsync();
        var staying = await host.SignInNewAsync();
        await AskAsync(staff, new { email = closing.Email });
        await AskAsync(other, new { email = closing.Email });
        await AskAsync(staff, new { email = staying.Email });
        using (var scope = host.Services.CreateScope())
        {
            var consent = scope.ServiceProvider.GetRequiredService<Booking.Workflows.Partners.PartnerClientConsent>();
            await consent.AnswerAsync(closing.UserId, await RequestIdAsync(partnerId, closing.UserId), agree: true, CancellationToken.None);
            await consent.AnswerAsync(staying.UserId, await RequestIdAsync(partnerId, staying.UserId), agree: true, CancellationToken.None);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await closing.Http.PostAsJsonAsync("/api/v1/account/close", new { password = MakerspaceHost.Password })).StatusCode);

        Assert.False(await host.InScopeAsync(db => db.PartnerClientRequests.AnyAsync(r => r.PatronId == closing.UserId)));
        Assert.False(await host.InScopeAsync(db => db.PartnerClients.AnyAsync(c => c.PatronId == closing.UserId)));
        Assert.True(await host.InScopeAsync(db => db.PartnerClientRequests.AnyAsync(r => r.PatronId == staying.UserId)));

        // The sweep deletes requests answered (or asked) before its cutoff; the agreed client link stays.
        using (var scope = host.Services.CreateScope())
        {
            var personalData = scope.ServiceProvider.GetRequiredService<PersonalData>();
            await personalData.ForgetOlderThanAsync(host.Clock.GetUtcNow().UtcDateTime.AddMinutes(1), CancellationToken.None);
        }

        Assert.False(await host.InScopeAsync(db => db.PartnerClientRequests.AnyAsync(r => r.PatronId == staying.UserId)));
        Assert.True(await host.InScopeAsync(db => db.PartnerClients.AnyAsync(c => c.PatronId == staying.UserId && c.PartnerId == partnerId)));
        Assert.False(await host.InScopeAsync(db => db.PartnerClientRequests.AnyAsync(r => r.PartnerId == otherId)));
    }

    private async Task<(HttpStatusCode Status, string Body)> AskAsync(SignedInClient staff, object body)
    {
        var response = await staff.Http.PostAsJsonAsync("/api/v1/partner/client-requests", body);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private Task<HttpResponseMessage> BookAsync(SignedInClient staff, Guid patronId, Guid roomId, int daysAhead) =>
        staff.Http.PostAsJsonAsync($"/api/v1/partner/clients/{patronId}/reservations",
            new { resourceId = roomId, start = host.Clock.DaysAhead(Zone, daysAhead, 10), end = host.Clock.DaysAhead(Zone, daysAhead, 11) });

    private async Task<(Guid Id, string Card)> CardOnlyPatronAsync(string name)
    {
        var library = await host.SignInNewAsync(Roles.Staff);
        var card = "C" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        var created = await library.Http.PostAsJsonAsync("/api/v1/patrons", new { displayName = name, cardNumber = card });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return ((await created.JsonAsync()).GetProperty("id").GetGuid(), card);
    }

    private Task<List<Notification>> RequestMailsAsync() =>
        host.InScopeAsync(db => db.Notifications.AsNoTracking().Where(n => n.Kind == NotificationKinds.PartnerClientRequest).ToListAsync());

    private Task<Guid> RequestIdAsync(Guid partnerId, Guid patronId) =>
        host.InScopeAsync(db => db.PartnerClientRequests.Where(r => r.PartnerId == partnerId && r.PatronId == patronId).Select(r => r.Id).SingleAsync());

    private Task<PartnerClientRequestStatus> StatusAsync(Guid partnerId, Guid patronId) =>
        host.InScopeAsync(db => db.PartnerClientRequests.Where(r => r.PartnerId == partnerId && r.PatronId == patronId).Select(r => r.Status).SingleAsync());

    private Task<string> PartnerNameAsync(Guid partnerId) =>
        host.InScopeAsync(db => db.Partners.Where(p => p.Id == partnerId).Select(p => p.Name).SingleAsync());

    private Task<int> AsksAsync(Guid partnerId)
    {
        var subject = $"partner:{partnerId}";
        return host.InScopeAsync(db => db.AuditLog.CountAsync(a => a.Action == "partner.client-ask" && a.Subject == subject));
    }
}
