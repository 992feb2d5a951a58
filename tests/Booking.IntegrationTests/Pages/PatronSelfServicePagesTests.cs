using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.Domain.Sessions;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Booking.IntegrationTests.Pages;

/// <summary>Add to calendar, My certifications and sessions, as a patron uses them with plain forms and no JavaScript.</summary>
public sealed partial class PatronSelfServicePagesTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task MyReservations_IcsPerReservationWithTheMailUid_OnlyForItsPatron()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var start = host.Clock.DaysAhead(Zone, 2, 10);
        var id = (await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
        var browser = new PageSession(host);
        await browser.SignInAsync(patron.Email, MakerspaceHost.Password);

        var mine = await browser.GetAsync("/reservations/mine");
        Assert.Contains("<h2>Upcoming</h2>", mine);
        Assert.Contains("<h2>Past</h2>", mine);
        var href = $"/reservations/mine?handler=Calendar&amp;id={id}";
        Assert.Contains(href, mine);

        var ics = await patron.Http.GetAsync(WebUtility.HtmlDecode(href));
        Assert.Equal(HttpStatusCode.OK, ics.StatusCode);
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType?.MediaType);
        var text = await ics.Content.ReadAsStringAsync();
        Assert.Contains($"UID:{id}@makerspace", text, StringComparison.Ordinal);
        Assert.Contains($"DTSTART:{start.UtcDateTime:yyyyMMdd'T'HHmmss}Z", text, StringComparison.Ordinal);

        var stranger = await host.SignInNewAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync(WebUtility.HtmlDecode(href))).StatusCode);
    }

    [Fact]
    public async Task MyReservations_FeedAddress_CreatedThenRotated_OldStopsWorking()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var start = host.Clock.DaysAhead(Zone, 3, 10);
        var id = (await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
        var browser = new PageSession(host);
        await browser.SignInAsync(patron.Email, MakerspaceHost.Password);
        Assert.DoesNotContain("/calendar/patrons/", await browser.GetAsync("/reservations/mine"));

        var (_, created, _) = await browser.SubmitAsync("/reservations/mine", "/reservations/mine?handler=Feed", new Dictionary<string, string>());
        Assert.Contains("Your calendar address is ready", created);
        var first = FeedPath().Match(created).Value;
        Assert.NotEmpty(first);
        var anonymous = host.CreateClient();
        var feed = await anonymous.GetAsync(first);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Contains($"UID:{id}@makerspace", await feed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The page and the API hand out the same address.
        var api = await patron.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/calendar/me/feed-url");
        Assert.EndsWith(first, api.GetProperty("url").GetString(), StringComparison.Ordinal);

        var (_, rotated, _) = await browser.SubmitAsync("/reservations/mine", "/reservations/mine?handler=RotateFeed", new Dictionary<string, string>());
        Assert.Contains("the old one no longer works", rotated);
        var second = FeedPath().Match(rotated).Value;
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(second)).StatusCode);
    }

    [Fact]
    public async Task MyCertifications_HeldWithExpiryInWords_LackingWithNextTraining()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var branch = await host.BranchAsync(Zone);
        var cutter = await host.ResourceAsync(branch.Id, KnownKinds.LaserCutter);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var laser = await admin.Http.CertificationAsync($"Laser {Guid.NewGuid():N}"[..20]);
        var printing = await admin.Http.CertificationAsync($"Print {Guid.NewGuid():N}"[..20], validityMonths: 24);
        var soldering = await admin.Http.CertificationAsync($"Solder {Guid.NewGuid():N}"[..20]);
        await host.RequireAsync(cutter.Id, laser);
        await host.RequireAsync(printer.Id, printing);
        var training = await staff.Http.TrainingAsync(room.Id, laser, host.Clock.DaysAhead(Zone, 4, 18), title: "Laser safety evening");
        var patron = await host.SignInNewAsync();
        (await staff.Http.GrantAsync(patron.UserId, printing)).EnsureSuccessStatusCode();
        (await staff.Http.GrantAsync(patron.UserId, soldering, host.Clock.GetUtcNow().AddDays(10))).EnsureSuccessStatusCode();

        var browser = new PageSession(host);
        await browser.SignInAsync(patron.Email, MakerspaceHost.Password);
        var home = await browser.GetAsync("/");
        Assert.Contains("href=\"/certifications/mine\"", home);
        var html = WebUtility.HtmlDecode(await browser.GetAsync("/certifications/mine"));
        var held = html[..html.IndexOf("What you still need", StringComparison.Ordinal)];
        var lacking = html[html.IndexOf("What you still need", StringComparison.Ordinal)..];

        var names = await host.InScopeAsync(db => db.Certifications.Where(c => c.Id == laser || c.Id == printing || c.Id == soldering).ToDictionaryAsync(c => c.Id, c => c.Name));
        Assert.Contains(names[printing], held);
        Assert.Contains($"Valid until {LibraryDay(host.Clock.GetUtcNow().UtcDateTime.AddMonths(24))}", held); // in the library's zone, the culture's long date
        Assert.Contains($"Lets you reserve: {printer.Name}", held);
        Assert.Contains(names[soldering], held);
        Assert.Contains($"Expires soon: valid until {LibraryDay(host.Clock.GetUtcNow().UtcDateTime.AddDays(10))}", held);
        Assert.DoesNotContain(names[laser], held);

        Assert.Contains(names[laser], lacking);
        Assert.Contains($"Needed for: {cutter.Name}", lacking);
        Assert.Contains($"href=\"/sessions/{training.GetProperty("id").GetGuid()}\"", lacking);
        Assert.Contains("Laser safety evening", lacking);
        Assert.DoesNotContain(names[printing], lacking);
    }

    [Fact]
    public async Task Sessions_RegisterWaitlistCancel_WithPromotionAndRefusalInWords()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var partner = $"Tech Task Force {Guid.NewGuid():N}"[..24];
        var partnerId = (await (await admin.Http.PostAsJsonAsync("/api/v1/partners", new { name = partner })).JsonAsync()).GetProperty("id").GetGuid();
        var start = host.Clock.DaysAhead(Zone, 5, 18);
        var title = $"Zine night {Guid.NewGuid():N}"[..20];
        var id = (await (await staff.Http.ScheduleAsync(new { kind = "workshop", title, roomId = room.Id, start, end = start.AddHours(2), capacity = 1, partnerId })).JsonAsync())
            .GetProperty("id").GetGuid();

        var list = WebUtility.HtmlDecode(await new PageSession(host).GetAsync("/sessions?kind=workshop"));
        var item = list[list.IndexOf(title, StringComparison.Ordinal)..];
        Assert.Contains($"{start.ToString("ddd, MMM d, h:mm tt", English)}–{start.AddHours(2).ToString("h:mm tt", English)}", item); // "Sat, Jan 17, 6:00 PM–8:00 PM"
        Assert.Contains("1 place left of 1", item);
        Assert.Contains($"Hosted by our partner {partner}", item);
        Assert.DoesNotContain(title, WebUtility.HtmlDecode(await new PageSession(host).GetAsync("/sessions?kind=training")));
        Assert.Contains("href=\"/sessions\"", await new PageSession(host).GetAsync("/"));
        Assert.Contains("Sign in to register", await new PageSession(host).GetAsync($"/sessions/{id}"));

        var page = $"/sessions/{id}";
        var a = await SignedInAsync();
        var (_, registered, _) = await a.Browser.SubmitAsync(page, $"{page}?handler=Register", new Dictionary<string, string>());
        Assert.Contains($"You are registered for {title}.", WebUtility.HtmlDecode(registered));
        Assert.Contains("Cancel my registration", registered);

        var b = await SignedInAsync();
        var full = await b.Browser.GetAsync(page);
        Assert.Contains("Join waiting list", full);
        var (_, waiting, _) = await b.Browser.SubmitAsync(page, $"{page}?handler=Register", new Dictionary<string, string>());
        Assert.Contains("you are on the waiting list, number 1 in line", WebUtility.HtmlDecode(waiting));

        // A second registration is refused in words and changes nothing.
        var (status, twice, _) = await b.Browser.SubmitAsync(page, $"{page}?handler=Register", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"You are already on the waitlist for {title}.", WebUtility.HtmlDecode(twice));
        Assert.Equal(2, await host.InScopeAsync(db => db.SessionRegistrations.CountAsync(r => r.SessionId == id)));

        var (_, cancelled, _) = await a.Browser.SubmitAsync(page, $"{page}?handler=Cancel", new Dictionary<string, string>());
        Assert.Contains($"Your registration for {title} is cancelled.", WebUtility.HtmlDecode(cancelled));
        Assert.Contains("You are registered.", await b.Browser.GetAsync(page));
        Assert.Equal(RegistrationStatus.Registered, await host.InScopeAsync(db => db.SessionRegistrations.Where(r => r.SessionId == id && r.PatronId == b.UserId).Select(r => r.Status).SingleAsync()));
        Assert.Contains("You are registered.", await b.Browser.GetAsync("/sessions"));
    }

    [Fact]
    public async Task Sessions_UnknownIdIs404_UnknownKindListsEveryKind()
    {
        var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/sessions/{Guid.NewGuid()}")).StatusCode);
        var html = await new PageSession(host).GetAsync("/sessions?kind=nonsense");
        Assert.Contains("<option value=\"\" selected=\"selected\">Every kind</option>", html);
    }

    private async Task<(PageSession Browser, Guid UserId)> SignedInAsync()
    {
        var patron = await host.SignInNewAsync();
        var browser = new PageSession(host);
        await browser.SignInAsync(patron.Email, MakerspaceHost.Password);
        return (browser, patron.UserId);
    }

    [GeneratedRegex(@"/calendar/patrons/[0-9a-f]+\.ics")]
    private static partial Regex FeedPath();

    private static readonly System.Globalization.CultureInfo English = System.Globalization.CultureInfo.GetCultureInfo("en");

    /// <summary>A certification date as My certifications shows it: the day in the library's (New York) zone, the long date.</summary>
    private static string LibraryDay(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZoneInfo.FindSystemTimeZoneById(Zone)).ToString("D", English);
}
