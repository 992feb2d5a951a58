using System.Net;
using System.Text.Json;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Booking.IntegrationTests.Languages;

/// <summary>
/// Which language a request is answered in (the saved preference, then the cookie the switch sets, then
/// Accept-Language, else English), that <c>&lt;html lang&gt;</c> follows it, and that problem details keep their code
/// and speak the caller's language.
/// </summary>
public sealed class LanguageTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string CultureCookie = ".AspNetCore.Culture";

    [Theory]
    [InlineData(null, null, "en")]
    [InlineData(null, "es-MX,es;q=0.9,en;q=0.5", "es")]
    [InlineData(null, "fr-FR,fr;q=0.9", "en")]
    [InlineData("es", "en-US,en;q=0.9", "es")]
    [InlineData("en", "es", "en")]
    [InlineData("xx", "es", "es")] // a forged cookie names no supported language: the header decides
    public async Task Visitor_CookieBeforeAcceptLanguage_HtmlLangFollows(string? cookie, string? acceptLanguage, string expected)
    {
        var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sessions");
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", $"{CultureCookie}=c={cookie}|uic={cookie}");
        }

        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }

        var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<html lang=\"{expected}\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switch_WithoutScript_SetsTheCookieAndGoesBack()
    {
        var page = new PageSession(host);
        var (status, html, url) = await page.SubmitAsync("/sessions", "/language", new Dictionary<string, string> { ["lang"] = "es", ["returnUrl"] = "/sessions?kind=workshop" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("/sessions?kind=workshop", url!.PathAndQuery);
        Assert.Contains("<html lang=\"es\">", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"es\">", await page.GetAsync("/"), StringComparison.Ordinal); // the cookie stays
    }

    [Theory]
    [InlineData("xx")]
    [InlineData("")]
    [InlineData("es-ES-x-very-long-tag-that-is-not-a-language")]
    public async Task Switch_UnknownLanguage_IsRefusedAndChangesNothing(string lang)
    {
        var page = new PageSession(host);
        var (status, _, _) = await page.SubmitAsync("/sessions", "/language", new Dictionary<string, string> { ["lang"] = lang, ["returnUrl"] = "/" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("<html lang=\"en\">", await page.GetAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switch_ElsewhereReturnUrl_GoesHomeInstead()
    {
        var page = new PageSession(host);
        var (_, _, url) = await page.SubmitAsync("/sessions", "/language", new Dictionary<string, string> { ["lang"] = "es", ["returnUrl"] = "https://evil.example/" });

        Assert.Equal("/", url!.AbsolutePath);
        Assert.Equal("localhost", url.Host);
    }

    [Fact]
    public async Task SignedIn_SwitchSavesThePreference_WhichFollowsTheAccountToOtherDevices()
    {
        var patron = await host.SignInNewAsync();
        var page = new PageSession(host);
        await page.SignInAsync(patron.Email, MakerspaceHost.Password);
        await page.SubmitAsync("/sessions", "/language", new Dictionary<string, string> { ["lang"] = "es", ["returnUrl"] = "/" });

        Assert.Equal("es", await host.InScopeAsync(db => db.Users.Where(u => u.Id == patron.UserId).Select(u => u.PreferredLanguage).SingleAsync()));
        Assert.Contains("<html lang=\"es\">", await page.GetAsync("/reservations/mine"), StringComparison.Ordinal);

        // An app without cookies and with an English browser: the account's choice wins over Accept-Language.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/reservations/mine");
        request.Headers.Add("Accept-Language", "en-US");
        var html = await (await patron.Http.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"es\">", html, StringComparison.Ordinal);

        // A shared computer whose last user chose English: signing in brings the account's language with it.
        var shared = new PageSession(host);
        await shared.SubmitAsync("/sessions", "/language", new Dictionary<string, string> { ["lang"] = "en", ["returnUrl"] = "/" });
        Assert.Contains("<html lang=\"en\">", await shared.GetAsync("/sessions"), StringComparison.Ordinal);
        await shared.SignInAsync(patron.Email, MakerspaceHost.Password);
        Assert.Contains("<html lang=\"es\">", await shared.GetAsync("/reservations/mine"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedIn_TheSwitchOnThisBrowserWinsOverTheSavedPreference_AndSavesTheNewOne()
    {
        var patron = await host.SignInNewAsync();
        await host.InScopeAsync(db => db.Users.Where(u => u.Id == patron.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredLanguage, "es")));
        var page = new PageSession(host);
        await page.SignInAsync(patron.Email, MakerspaceHost.Password);
        Assert.Contains("<html lang=\"es\">", await page.GetAsync("/reservations/mine"), StringComparison.Ordinal);

        await page.SubmitAsync("/reservations/mine", "/language", new Dictionary<string, string> { ["lang"] = "en", ["returnUrl"] = "/" });

        Assert.Contains("<html lang=\"en\">", await page.GetAsync("/reservations/mine"), StringComparison.Ordinal);
        Assert.Equal("en", await host.InScopeAsync(db => db.Users.Where(u => u.Id == patron.UserId).Select(u => u.PreferredLanguage).SingleAsync()));
    }

    [Fact]
    public async Task ProblemDetails_InSpanish_KeepTheirCode()
    {
        var client = host.CreateClient();
        var unknown = $"/api/v1/resources/{Guid.NewGuid()}";

        var english = await ProblemAsync(client, unknown, "en");
        var spanish = await ProblemAsync(client, unknown, "es");

        Assert.Equal("not-found", english.GetProperty("code").GetString());
        Assert.Equal("not-found", spanish.GetProperty("code").GetString());
        Assert.Equal("Not found", english.GetProperty("title").GetString());
        Assert.Equal("No encontrado", spanish.GetProperty("title").GetString());
        Assert.Equal("No hay nada con ese identificador (o no es suyo).", spanish.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task BookingRefusal_InSpanish_SameCodeAndStatus()
    {
        var branch = await host.BranchAsync();
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var first = await host.SignInNewAsync();
        var second = await host.SignInNewAsync();
        var start = host.Clock.DaysAhead("America/New_York", 2, 10);
        Assert.True((await first.Http.BookAsync(room.Id, start, start.AddHours(1))).IsSuccessStatusCode);

        second.Http.DefaultRequestHeaders.Add("Accept-Language", "es");
        var refused = await second.Http.BookAsync(room.Id, start, start.AddHours(1));
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("slot-taken", problem.GetProperty("code").GetString());
        Assert.Equal("Ese horario ya está ocupado", problem.GetProperty("title").GetString());
        Assert.StartsWith($"{room.Name} ya está reservado de ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal); // the facts, in Spanish
        Assert.Equal(1, await host.InScopeAsync(db => db.Reservations.CountAsync(r => r.ResourceId == room.Id)));
    }

    private static async Task<JsonElement> ProblemAsync(HttpClient client, string url, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Accept-Language", language);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
