using System.Net;
using System.Net.Http.Json;
using Booking.Data.Identity;
using Booking.Domain.Networking;
using Booking.IntegrationTests.Infrastructure;
using Booking.Jobs.Sweeps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.IntegrationTests.Networking;

/// <summary>
/// Who is coming, by consent (issue #20, part 2), over HTTP on both databases: profiles shown only to the other
/// registered attendees of a session they opted in for; asking to connect after it, once per pair; the patron's own
/// data export; the privacy sweep and closing the account removing it all.
/// </summary>
public sealed class NetworkingTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    [Fact]
    public async Task Profile_BadInput_IsAProblemAndNothingIsWritten_GoodInputIsSaved()
    {
        var topics = await host.TopicsAsync();
        var patron = await host.SignInNewAsync();
        const string url = "/api/v1/me/networking-profile";

        foreach (var bad in new object[]
        {
            new { displayName = "", link = "https://ok.example" },
            new { displayName = new string('n', 81) },
            new { displayName = "Ana", whatIDo = new string('w', 281) },
            new { displayName = "Ana", link = "javascript:alert(1)" },
            new { displayName = "Ana", link = "ftp://files.example" },
            new { displayName = "Ana", offers = new[] { Guid.NewGuid() } },
            new { displayName = "Ana", seeks = Enumerable.Range(0, 11).Select(_ => Guid.NewGuid()).ToArray() },
        })
        {
            await (await patron.Http.PutAsJsonAsync(url, bad)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        }

        using (var strange = await patron.Http.PutAsync(url, new StringContent("{\"displayName\": 5, \"offers\": \"x\"}", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, strange.StatusCode);
        }

        Assert.False(await host.InScopeAsync(db => db.NetworkingProfiles.AnyAsync(p => p.PatronId == patron.UserId)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient().GetAsync(url)).StatusCode);

        var saved = await (await patron.Http.PutAsJsonAsync(url, new { displayName = " Ana Baker ", whatIDo = "Bakery", offers = new[] { topics[0], topics[0] }, seeks = new[] { topics[2] }, link = "https://ana.example" })).JsonAsync();
        Assert.Equal("Ana Baker", saved.GetProperty("profile").GetProperty("displayName").GetString());
        Assert.Equal(["Marketing"], saved.GetProperty("profile").GetProperty("offers").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(3, saved.GetProperty("topics").GetArrayLength());
        var mine = await (await patron.Http.GetAsync(url)).JsonAsync();
        Assert.Equal("https://ana.example", mine.GetProperty("profile").GetProperty("link").GetString());
    }

    [Fact]
    public async Task WhoIsComing_OnlyRegisteredAttendeesAndStaff_SeeOnlyOptedInProfiles_NeverContactDetails()
    {
        var meetup = await host.MeetupAsync(capacity: 3);
        var ana = await host.PersonAsync("Ana");
        var ben = await host.PersonAsync("Ben");
        var cal = await host.PersonAsync("Cal"); // registered, never opts in
        var wes = await host.PersonAsync("Wes"); // waitlisted
        var sam = await host.PersonAsync("Sam"); // not registered
        foreach (var p in new[] { ana, ben, cal, wes })
        {
            await p.RegisterAsync(meetup);
        }

        await ana.OptInAsync(meetup);
        await ben.OptInAsync(meetup);
        await (await wes.Client.Http.PutAsync($"/api/v1/sessions/{meetup.Id}/networking-consent", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await sam.Client.Http.PutAsync($"/api/v1/sessions/{meetup.Id}/networking-consent", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var elsewhere = await host.MeetupAsync();
        var oli = await host.PersonAsync("Oli"); // an attendee of another session
        await oli.RegisterAsync(elsewhere);
        await oli.OptInAsync(elsewhere);
        var staff = await host.SignInNewAsync(Roles.Staff);

        Assert.Equal([ben.Name], await ana.Client.Http.NamesSeenAsync(meetup));
        Assert.Equal([ana.Name], await ben.Client.Http.NamesSeenAsync(meetup));
        Assert.Equal(new[] { ana.Name, ben.Name }.Order(StringComparer.CurrentCultureIgnoreCase), await cal.Client.Http.NamesSeenAsync(meetup));
        Assert.Equal(new[] { ana.Name, ben.Name }.Order(StringComparer.CurrentCultureIgnoreCase), await staff.Http.NamesSeenAsync(meetup));
        Assert.Empty(await oli.Client.Http.NamesSeenAsync(elsewhere));
        foreach (var outsider in new[] { wes, sam, oli })
        {
            await (await outsider.Client.Http.WhoIsComingAsync(meetup)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient().WhoIsComingAsync(meetup)).StatusCode);

        // What the list says: the profile, never an e-mail address, a link or an account id.
        var seen = await (await ana.Client.Http.WhoIsComingAsync(meetup)).Content.ReadAsStringAsync();
        Assert.Contains("runs a small studio", seen, StringComparison.Ordinal);
        Assert.Contains("Marketing", seen, StringComparison.Ordinal);
        foreach (var p in new[] { ana, ben, cal })
        {
            Assert.DoesNotContain(p.Email, seen, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(p.Link, seen, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(p.Id.ToString(), seen, StringComparison.OrdinalIgnoreCase);
        }

        // The session page: the list for an attendee, nothing for a visitor, a patron without a place or a waitlisted one.
        Assert.Contains(ben.Name, await PageAsync(ana, meetup), StringComparison.Ordinal);
        foreach (var html in new[] { await PageAsync(wes, meetup), await PageAsync(sam, meetup), await new PageSession(host).GetAsync($"/sessions/{meetup.Id}") })
        {
            Assert.DoesNotContain(ana.Name, html, StringComparison.Ordinal);
            Assert.DoesNotContain(ben.Name, html, StringComparison.Ordinal);
        }

        // Public pages and the public API name no one.
        var anonymous = host.CreateClient();
        foreach (var shown in new[]
        {
            await anonymous.GetStringAsync($"/api/v1/sessions/{meetup.Id}"), await anonymous.GetStringAsync("/sessions"),
            await anonymous.GetStringAsync("/sessions?kind=networking"),
        })
        {
            Assert.DoesNotContain(ana.Name, shown, StringComparison.Ordinal);
        }

        // Withdrawn: gone from the list at once, and opting out twice is fine.
        Assert.Equal(HttpStatusCode.NoContent, (await ben.Client.Http.DeleteAsync($"/api/v1/sessions/{meetup.Id}/networking-consent")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ben.Client.Http.DeleteAsync($"/api/v1/sessions/{meetup.Id}/networking-consent")).StatusCode);
        Assert.Empty(await ana.Client.Http.NamesSeenAsync(meetup));
        Assert.Equal([ana.Name], await staff.Http.NamesSeenAsync(meetup));

        // Cancelling one's place takes one off the list too.
        Assert.Equal(HttpStatusCode.OK, (await ana.Client.Http.DeleteAsync($"/api/v1/sessions/{meetup.Id}/registrations/mine")).StatusCode);
        Assert.Empty(await staff.Http.NamesSeenAsync(meetup));
    }

    [Fact]
    public async Task ForgedIds_AreNotFound_AndTellNothing()
    {
        var meetup = await host.MeetupAsync();
        var elsewhere = await host.MeetupAsync();
        var ana = await host.PersonAsync("Ana");
        var ben = await host.PersonAsync("Ben");
        var oli = await host.PersonAsync("Oli");
        await ana.RegisterAsync(meetup);
        await ben.RegisterAsync(meetup);
        await oli.RegisterAsync(elsewhere);
        foreach (var (p, m) in new[] { (ana, meetup), (ben, meetup), (oli, elsewhere) })
        {
            await p.OptInAsync(m);
        }

        var oliConsent = await host.InScopeAsync(db => db.NetworkingConsents.Where(c => c.PatronId == oli.Id).Select(c => c.Id).SingleAsync());
        var benId = await ana.Client.Http.AttendeeIdAsync(meetup, ben);
        host.Clock.MoveTo(meetup.End.AddMinutes(5));
        var anaNow = await host.AgainAsync(ana);
        var benNow = await host.AgainAsync(ben);

        await (await anaNow.GetAsync($"/api/v1/sessions/{Guid.NewGuid()}/who-is-coming")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await anaNow.AskAsync(meetup, Guid.NewGuid())).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await anaNow.AskAsync(meetup, oliConsent)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        var anaConsent = await host.InScopeAsync(db => db.NetworkingConsents.Where(c => c.SessionId == meetup.Id && c.PatronId == ana.Id).Select(c => c.Id).SingleAsync());
        await (await anaNow.AskAsync(meetup, anaConsent)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await anaNow.AskAsync(new Meetup(Guid.NewGuid(), meetup.Start, meetup.End), benId)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await anaNow.PostAsJsonAsync($"/api/v1/sessions/{meetup.Id}/connection-requests", new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        var oliNow = await host.AgainAsync(oli);
        await (await oliNow.AskAsync(meetup, benId)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.False(await host.InScopeAsync(db => db.ConnectionRequests.AnyAsync(r => r.SessionId == meetup.Id || r.SessionId == elsewhere.Id)));

        // A real request: only the asked one answers it; to anyone else its id does not exist.
        var asked = await (await anaNow.AskAsync(meetup, benId)).JsonAsync();
        var requestId = asked.GetProperty("id").GetGuid();
        await (await anaNow.PostAsync($"/api/v1/me/connection-requests/{requestId}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await oliNow.PostAsync($"/api/v1/me/connection-requests/{requestId}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await benNow.PostAsync($"/api/v1/me/connection-requests/{Guid.NewGuid()}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Empty(await oliNow.GetFromJsonAsync<List<object>>("/api/v1/me/connection-requests") ?? []);
        Assert.Equal(ConnectionStatus.Pending, await host.InScopeAsync(db => db.ConnectionRequests.Where(r => r.Id == requestId).Select(r => r.Status).SingleAsync()));
        Assert.False(await host.InScopeAsync(db => db.Notifications.AnyAsync(n => n.Kind == "networking-connected" && (n.RecipientId == ana.Id || n.RecipientId == ben.Id))));
    }

    [Fact]
    public async Task Connect_OnlyAfterTheSession_OncePerPair_EvenInParallel_AndDecliningSharesNothing()
    {
        var meetup = await host.MeetupAsync();
        var ana = await host.PersonAsync("Ana");
        var ben = await host.PersonAsync("Ben");
        var cal = await host.PersonAsync("Cal");
        foreach (var p in new[] { ana, ben, cal })
        {
            await p.RegisterAsync(meetup);
            await p.OptInAsync(meetup);
        }

        var benId = await ana.Client.Http.AttendeeIdAsync(meetup, ben);
        var anaId = await ben.Client.Http.AttendeeIdAsync(meetup, ana);
        var calId = await ana.Client.Http.AttendeeIdAsync(meetup, cal);
        await (await ana.Client.Http.AskAsync(meetup, benId)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "invalid-state");

        host.Clock.MoveTo(meetup.End.AddMinutes(1));
        var anaNow = await host.AgainAsync(ana);
        var benNow = await host.AgainAsync(ben);
        var calNow = await host.AgainAsync(cal);
        var asks = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => i % 2 == 0 ? anaNow.AskAsync(meetup, benId) : benNow.AskAsync(meetup, anaId))));
        Assert.Equal(1, asks.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(asks.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var request = await host.InScopeAsync(db => db.ConnectionRequests.AsNoTracking().SingleAsync(r => r.SessionId == meetup.Id));

        // The asked one sees it, with the asker's name; declining shares nothing and cannot be asked again.
        var (asked, asker) = request.ToPatronId == ben.Id ? (benNow, ana) : (anaNow, ben);
        var incoming = await (await asked.GetAsync("/api/v1/me/connection-requests")).JsonAsync();
        Assert.Equal(asker.Name, incoming.EnumerateArray().Single().GetProperty("otherName").GetString());
        Assert.Equal("received", incoming.EnumerateArray().Single().GetProperty("direction").GetString());
        Assert.Equal("declined", (await (await asked.PostAsync($"/api/v1/me/connection-requests/{request.Id}/decline", null)).JsonAsync()).GetProperty("status").GetString());
        await (await asked.PostAsync($"/api/v1/me/connection-requests/{request.Id}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "invalid-state");
        await (await anaNow.AskAsync(meetup, benId)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "conflict");
        Assert.False(await host.InScopeAsync(db => db.Notifications.AnyAsync(n => n.Kind == "networking-connected" && (n.RecipientId == ana.Id || n.RecipientId == ben.Id))));

        // Someone who stopped showing their profile cannot be asked (as if unknown), nor ask until they show it again.
        Assert.Equal(HttpStatusCode.NoContent, (await calNow.DeleteAsync($"/api/v1/sessions/{meetup.Id}/networking-consent")).StatusCode);
        await (await anaNow.AskAsync(meetup, calId)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await calNow.AskAsync(meetup, anaId)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "invalid-state");
        Assert.Equal(HttpStatusCode.NoContent, (await calNow.PutAsync($"/api/v1/sessions/{meetup.Id}/networking-consent", null)).StatusCode); // and back in at will
    }

    [Fact]
    public async Task Accepting_QueuesTheOthersContactForEach_AndTheExportHasProfileAndRequests()
    {
        var meetup = await host.MeetupAsync();
        var ana = await host.PersonAsync("Ana");
        var ben = await host.PersonAsync("Ben");
        foreach (var p in new[] { ana, ben })
        {
            await p.RegisterAsync(meetup);
            await p.OptInAsync(meetup);
        }

        var benId = await ana.Client.Http.AttendeeIdAsync(meetup, ben);
        host.Clock.MoveTo(meetup.End.AddHours(1));
        var anaNow = await host.AgainAsync(ana);
        var benNow = await host.AgainAsync(ben);
        var requestId = (await (await anaNow.AskAsync(meetup, benId)).JsonAsync()).GetProperty("id").GetGuid();
        Assert.False(await host.InScopeAsync(db => db.Notifications.AnyAsync(n => n.Kind == "networking-connected" && (n.RecipientId == ana.Id || n.RecipientId == ben.Id))));

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => benNow.PostAsync($"/api/v1/me/connection-requests/{requestId}/accept", null))));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));

        var notices = await host.InScopeAsync(db => db.Notifications.AsNoTracking().Where(n => n.Kind == "networking-connected" && (n.RecipientId == ana.Id || n.RecipientId == ben.Id)).ToListAsync());
        Assert.Equal(2, notices.Count);
        var toAna = notices.Single(n => n.RecipientId == ana.Id);
        var toBen = notices.Single(n => n.RecipientId == ben.Id);
        Assert.Contains(ben.Email, toAna.Facts, StringComparison.Ordinal);
        Assert.Contains(ben.Link, toAna.Facts, StringComparison.Ordinal);
        Assert.DoesNotContain(ana.Email, toAna.Facts, StringComparison.Ordinal);
        Assert.Contains(ana.Email, toBen.Facts, StringComparison.Ordinal);

        var export = await anaNow.GetStringAsync("/api/v1/account/data");
        Assert.Contains(ana.Name, export, StringComparison.Ordinal);
        Assert.Contains(ana.Link, export, StringComparison.Ordinal);
        Assert.Contains("\"accepted\"", export, StringComparison.Ordinal);
        Assert.Contains("breakfast", export, StringComparison.Ordinal);
        var theirs = await (await host.SignInNewAsync()).Http.GetStringAsync("/api/v1/account/data");
        Assert.DoesNotContain(ana.Name, theirs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClosingTheAccount_RemovesProfileOptInsAndRequests()
    {
        var meetup = await host.MeetupAsync();
        var ana = await host.PersonAsync("Ana");
        var ben = await host.PersonAsync("Ben");
        foreach (var p in new[] { ana, ben })
        {
            await p.RegisterAsync(meetup);
            await p.OptInAsync(meetup);
        }

        var benId = await ana.Client.Http.AttendeeIdAsync(meetup, ben);
        host.Clock.MoveTo(meetup.End.AddHours(1));
        var anaNow = await host.AgainAsync(ana);
        (await anaNow.AskAsync(meetup, benId)).EnsureSuccessStatusCode();

        using (var closed = await anaNow.PostAsJsonAsync("/api/v1/account/close", new { password = MakerspaceHost.Password }))
        {
            Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        }

        Assert.False(await host.InScopeAsync(db => db.NetworkingProfiles.AnyAsync(p => p.PatronId == ana.Id)));
        Assert.False(await host.InScopeAsync(db => db.NetworkingConsents.AnyAsync(c => c.PatronId == ana.Id)));
        Assert.False(await host.InScopeAsync(db => db.ConnectionRequests.AnyAsync(r => r.FromPatronId == ana.Id || r.ToPatronId == ana.Id)));
        Assert.True(await host.InScopeAsync(db => db.NetworkingProfiles.AnyAsync(p => p.PatronId == ben.Id)));
        var benNow = await host.AgainAsync(ben);
        Assert.Empty(await benNow.NamesSeenAsync(meetup));
        Assert.Equal(0, (await (await benNow.GetAsync("/api/v1/me/connection-requests")).JsonAsync()).GetArrayLength());
    }

    [Fact]
    public async Task PrivacySweep_RemovesOptInsAndRequestsOfOldSessions_AndIdleProfiles()
    {
        var meetup = await host.MeetupAsync();
        var ana = await host.PersonAsync("Ana");
        var ben = await host.PersonAsync("Ben");
        var idle = await host.PersonAsync("Ida"); // a profile never shown anywhere
        foreach (var p in new[] { ana, ben })
        {
            await p.RegisterAsync(meetup);
            await p.OptInAsync(meetup);
        }

        var benId = await ana.Client.Http.AttendeeIdAsync(meetup, ben);
        host.Clock.MoveTo(meetup.End.AddHours(1));
        (await (await host.AgainAsync(ana)).AskAsync(meetup, benId)).EnsureSuccessStatusCode();

        // Short of the retention period (for the session and for the idle profile, made before it): everything stays.
        host.Clock.MoveTo(meetup.End.AddDays(85));
        await SweepAsync();
        Assert.Equal(2, await host.InScopeAsync(db => db.NetworkingConsents.CountAsync(c => c.SessionId == meetup.Id)));
        Assert.True(await host.InScopeAsync(db => db.NetworkingProfiles.AnyAsync(p => p.PatronId == idle.Id)));

        // Ben edits his profile now: it stays; the session's opt-ins and request go, and so do profiles idle since then.
        var benNow = await host.AgainAsync(ben);
        (await benNow.PutAsJsonAsync("/api/v1/me/networking-profile", new { displayName = ben.Name, whatIDo = "Still here" })).EnsureSuccessStatusCode();
        host.Clock.MoveTo(meetup.End.AddDays(91));
        Assert.True(await SweepAsync() > 0);
        Assert.False(await host.InScopeAsync(db => db.NetworkingConsents.AnyAsync(c => c.SessionId == meetup.Id)));
        Assert.False(await host.InScopeAsync(db => db.ConnectionRequests.AnyAsync(r => r.SessionId == meetup.Id)));
        Assert.False(await host.InScopeAsync(db => db.NetworkingProfiles.AnyAsync(p => p.PatronId == ana.Id || p.PatronId == idle.Id)));
        Assert.True(await host.InScopeAsync(db => db.NetworkingProfiles.AnyAsync(p => p.PatronId == ben.Id)));
    }

    [Fact]
    public async Task Pages_ReadInSpanish_ForASpanishReader()
    {
        var meetup = await host.MeetupAsync();
        var ana = await host.PersonAsync("Ana");
        var ben = await host.PersonAsync("Ben");
        foreach (var p in new[] { ana, ben })
        {
            await p.RegisterAsync(meetup);
            await p.OptInAsync(meetup);
        }

        await host.InScopeAsync(db => db.Users.Where(u => u.Id == ana.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredLanguage, "es")));
        var page = new PageSession(host);
        await page.SignInAsync(ana.Email, MakerspaceHost.Password);

        // Decoded: the page may write accented letters as character references.
        var profile = WebUtility.HtmlDecode(await page.GetAsync("/account/networking"));
        Assert.Contains("<html lang=\"es\"", profile, StringComparison.Ordinal);
        Assert.Contains("Mi perfil de contactos profesionales", profile, StringComparison.Ordinal);
        Assert.Contains("Guardar mi perfil", profile, StringComparison.Ordinal);
        Assert.DoesNotContain("Save my profile", profile, StringComparison.Ordinal);
        var session = WebUtility.HtmlDecode(await page.GetAsync($"/sessions/{meetup.Id}"));
        Assert.Contains("Quién asistirá", session, StringComparison.Ordinal);
        Assert.Contains("Dejar de mostrar mi perfil", session, StringComparison.Ordinal);
        Assert.Contains(ben.Name, session, StringComparison.Ordinal);
    }

    private async Task<string> PageAsync(Person person, Meetup meetup)
    {
        var page = new PageSession(host);
        await page.SignInAsync(person.Email, MakerspaceHost.Password);
        return await page.GetAsync($"/sessions/{meetup.Id}");
    }

    private async Task<int> SweepAsync()
    {
        using var scope = host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PrivacySweep>().RunAsync(default);
    }
}
