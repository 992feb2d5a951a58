using System.Net;
using Booking.Data.Identity;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Languages;

/// <summary>
/// The words the code writes (session kinds, places, hosts, the patron's registration, dates) in the reader's language
/// and culture, and instants that belong to no branch shown in the library's zone, never UTC.
/// </summary>
public sealed class WordsLanguageTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Sessions_KindPlacesHostAndDate_InEnglishAndSpanish()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var start = Local(Zone, "2026-01-20T14:00");
        var id = (await (await staff.Http.ScheduleAsync(new { kind = "workshop", title = "Soldering basics", roomId = room.Id, start, end = start.AddHours(2), capacity = 6 })).JsonAsync())
            .GetProperty("id").GetGuid();

        var english = Plain(await PageAsync($"/sessions/{id}", null));
        var spanish = Plain(await PageAsync($"/sessions/{id}", "es"));

        Assert.Contains("Workshop", english, StringComparison.Ordinal);
        Assert.Contains("6 places left of 6", english, StringComparison.Ordinal);
        Assert.Contains("Hosted by library staff", english, StringComparison.Ordinal);
        Assert.Contains("Tue, Jan 20, 2:00 PM–4:00 PM", english, StringComparison.Ordinal);
        Assert.Contains("Taller", spanish, StringComparison.Ordinal);
        Assert.Contains("Quedan 6 plazas de 6", spanish, StringComparison.Ordinal);
        Assert.Contains("Organizada por el personal de la biblioteca", spanish, StringComparison.Ordinal);
        Assert.Contains("14:00–16:00", spanish, StringComparison.Ordinal);
        foreach (var sentence in (string[])["6 places left of 6", "Hosted by library staff", "2:00 PM"])
        {
            Assert.DoesNotContain(sentence, spanish, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Session_ThePatronsRegistration_InTheirLanguage()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var start = Local(Zone, "2026-01-21T14:00");
        var id = (await (await staff.Http.ScheduleAsync(new { kind = "networking", title = "Makers meet", roomId = room.Id, start, end = start.AddHours(1), capacity = 1 })).JsonAsync())
            .GetProperty("id").GetGuid();
        var first = await host.SignInNewAsync();
        var second = await host.SignInNewAsync();
        Assert.True((await first.Http.PostAsync($"/api/v1/sessions/{id}/registrations", null)).IsSuccessStatusCode);
        Assert.True((await second.Http.PostAsync($"/api/v1/sessions/{id}/registrations", null)).IsSuccessStatusCode);
        first.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        second.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");

        Assert.Contains("Está inscrito.", Plain(await first.Http.GetStringAsync($"/sessions/{id}")), StringComparison.Ordinal);
        var waiting = Plain(await second.Http.GetStringAsync($"/sessions/{id}"));
        Assert.Contains("Está en la lista de espera, con el número 1.", waiting, StringComparison.Ordinal);
        Assert.Contains("Completa: plazas ocupadas 1 de 1; en lista de espera: 1", waiting, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrantAndSuspension_ShownInTheLibrarysZone_NeverUtc()
    {
        // 03:00 UTC on the 13th is still the 12th in New York: a UTC date would show the wrong day.
        host.Clock.MoveTo(new DateTimeOffset(2026, 1, 13, 3, 0, 0, TimeSpan.Zero));
        await host.BranchAsync(Zone);
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        var certification = await admin.Http.CertificationAsync("Laser basics", validityMonths: null);
        Assert.True((await staff.Http.GrantAsync(patron.UserId, certification)).IsSuccessStatusCode);
        var now = host.Clock.GetUtcNow().UtcDateTime;
        await host.InScopeAsync(db =>
        {
            db.BookingSuspensions.Add(new BookingSuspension(patron.UserId, KnownKinds.LaserCutter, now, now.AddDays(7), "Three reservations not claimed."));
            return db.SaveChangesAsync();
        });

        var mine = Plain(await patron.Http.GetStringAsync("/certifications/mine"));
        Assert.Contains("Monday, January 12, 2026", mine, StringComparison.Ordinal);
        Assert.DoesNotContain("January 13", mine, StringComparison.Ordinal);

        var desk = Plain(await staff.Http.GetStringAsync($"/desk/patrons/{patron.UserId}"));
        Assert.Contains("granted Monday, January 12, 2026", desk, StringComparison.Ordinal);
        Assert.Contains("until Mon, Jan 19, 10:00 PM (New York time)", desk, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", desk, StringComparison.Ordinal);
    }

    private async Task<string> PageAsync(string url, string? language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (language is not null)
        {
            request.Headers.Add("Accept-Language", language);
        }

        var response = await host.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    // ICU puts a narrow no-break space before AM/PM; the page says the same with either space.
    private static string Plain(string html) => WebUtility.HtmlDecode(html).Replace('\u202F', ' ');
}
