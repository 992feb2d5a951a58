using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Booking.Data.Identity;
using Booking.Domain.Common;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Languages;

/// <summary>
/// Field messages and staff refusals in the caller's language: the same bad request asked in English and with
/// <c>Accept-Language: es</c> gets the same status, <c>code</c> and field keys, its messages in Spanish; nothing is written.
/// </summary>
public sealed class FieldLanguageTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Theory]
    [InlineData("location-name", "name", "name is required.", "name es obligatorio.")]
    [InlineData("partner-name-length", "name", "name may be at most 200 characters.", "name puede tener como máximo 200 caracteres.")]
    [InlineData("location-zone", "timeZone", "'Mars/Base' is not an IANA time zone", "'Mars/Base' no es una zona horaria IANA")]
    [InlineData("certification-validity", "validityMonths", "validityMonths is 1 to", "validityMonths es de 1 a")]
    [InlineData("session-kind", "kind", "Unknown kind 'juggling'.", "Tipo desconocido 'juggling'.")]
    [InlineData("waitlist-resource", "resourceId", "Say which resource you wait for.", "Indique qué recurso espera.")]
    [InlineData("reservation-offset", "start", "is not a time with an offset.", "no es una hora con desfase.")]
    [InlineData("reservation-nul", "notes", "Text may not contain NUL characters", "El texto no puede contener caracteres NUL")]
    [InlineData("query-nul", "q", "Text may not contain NUL characters", "El texto no puede contener caracteres NUL")]
    [InlineData("maintenance-end", "end", "The end must be after the start.", "El final debe ser posterior al inicio.")]
    [InlineData("report-range", "to", "The range starts (2026-02-01) after it ends (2026-01-01).", "El intervalo empieza (2026-02-01) después de terminar (2026-01-01).")]
    [InlineData("report-date", "from", "from is not a date; use yyyy-MM-dd", "from no es una fecha; use yyyy-MM-dd")]
    public async Task FieldMessage_InTheCallersLanguage_SameFieldAndCode(string scenario, string field, string english, string spanish)
    {
        var (client, send) = await ArrangeAsync(scenario);
        var before = await CountAsync();

        var en = await AskAsync(client, send, null, HttpStatusCode.BadRequest, ErrorCodes.Validation);
        var es = await AskAsync(client, send, "es", HttpStatusCode.BadRequest, ErrorCodes.Validation);

        Assert.Equal(FieldsOf(en), FieldsOf(es));
        Assert.Contains(english, MessagesOf(en, field), StringComparison.Ordinal);
        Assert.Contains(spanish, MessagesOf(es, field), StringComparison.Ordinal);
        Assert.DoesNotContain(english, es.GetRawText(), StringComparison.Ordinal);
        Assert.NotEqual(en.GetProperty("title").GetString(), es.GetProperty("title").GetString());
        Assert.Equal(before, await CountAsync()); // a refusal changes nothing
    }

    [Theory]
    [InlineData("session-cancelled", HttpStatusCode.Conflict, ErrorCodes.InvalidState, "The session is already cancelled.", "La sesión ya está cancelada.")]
    [InlineData("maintenance-lifted", HttpStatusCode.Conflict, ErrorCodes.InvalidState, "This maintenance block was already lifted.", "Este bloqueo por mantenimiento ya se levantó.")]
    [InlineData("grant-unknown", HttpStatusCode.NotFound, ErrorCodes.NotFound, "That patron has no certification grant with that id.", "Ese usuario no tiene ninguna certificación otorgada con ese identificador.")]
    public async Task StaffRefusal_InTheCallersLanguage_SameCodeAndStatus(string scenario, HttpStatusCode status, string code, string english, string spanish)
    {
        var (client, send) = await ArrangeAsync(scenario);

        var en = await AskAsync(client, send, null, status, code);
        var es = await AskAsync(client, send, "es", status, code);

        Assert.Equal(english, en.GetProperty("detail").GetString());
        Assert.Equal(spanish, es.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Series_SummaryAndRefusedDates_InTheReadersLanguage_OldEnglishRowsStillShow()
    {
        var room = await host.ResourceAsync((await host.BranchAsync(Zone)).Id, KnownKinds.Room);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        var other = await host.SignInNewAsync();
        (await other.Http.BookAsync(room.Id, Local(Zone, "2026-01-27T11:00"), Local(Zone, "2026-01-27T12:00"))).EnsureSuccessStatusCode();
        staff.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        var made = await (await staff.Http.PostAsJsonAsync("/api/v1/reservations/series",
            new { resourceId = room.Id, patronId = patron.UserId, firstDate = "2026-01-13", startTime = "10:00", endTime = "12:00", repeat = "weekly", count = 8 })).JsonAsync();
        var id = made.GetProperty("id").GetGuid();

        var es = await SeriesAsync(patron.Http, id, "es");
        var en = await SeriesAsync(patron.Http, id, null);

        Assert.Equal("todos los martes, 10:00–12:00, 8 veces: 7 reservadas, 1 rechazada", made.GetProperty("summary").GetString());
        Assert.Equal("todos los martes, 10:00–12:00, 8 veces: 7 reservadas, 1 rechazada", es.Summary);
        Assert.Equal("every Tuesday, 10:00–12:00, 8 times: 7 booked, 1 refused", en.Summary);
        Assert.Contains("ya está reservado", es.Refused, StringComparison.Ordinal);
        Assert.Contains("is already booked", en.Refused, StringComparison.Ordinal);

        // A series refused before the words were stored kept only its English sentence: it still shows, in English.
        await host.InScopeAsync(async db =>
        {
            var series = await db.ReservationSeries.FirstAsync(s => s.Id == id);
            db.Entry(series).Property(s => s.RefusalsJson).CurrentValue = """[{"Date":"2026-01-27","Code":"slot-taken","Message":"Meeting room is already booked then."}]""";
            return await db.SaveChangesAsync();
        });
        Assert.Equal("Meeting room is already booked then.", (await SeriesAsync(patron.Http, id, "es")).Refused);
    }

    private static async Task<(string Summary, string Refused)> SeriesAsync(HttpClient client, Guid id, string? language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/reservations/series/{id}");
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        var series = await (await client.SendAsync(request)).JsonAsync();
        var refused = Assert.Single(series.GetProperty("dates").EnumerateArray(), d => d.GetProperty("outcome").GetString() == "refused");
        return (series.GetProperty("summary").GetString()!, refused.GetProperty("message").GetString()!);
    }

    [Fact]
    public async Task Confirmation_IsPrintedInThePatronsLanguage_StaffCanSwitch()
    {
        var printer = await host.ResourceAsync((await host.BranchAsync(Zone)).Id, KnownKinds.Printer3D);
        var patron = await host.SignInNewAsync();
        await host.InScopeAsync(async db =>
        {
            (await db.Users.FirstAsync(u => u.Id == patron.UserId)).PreferredLanguage = "es";
            return await db.SaveChangesAsync();
        });
        var booked = (await (await patron.Http.BookAsync(printer.Id, Local(Zone, "2026-01-13T10:00"), Local(Zone, "2026-01-13T11:00"))).JsonAsync()).GetProperty("id").GetGuid();
        var staff = await host.SignInNewAsync(Roles.Staff);
        var desk = new PageSession(host);
        await desk.SignInAsync(staff.Email, MakerspaceHost.Password);

        var paper = WebUtility.HtmlDecode(await desk.GetAsync($"/desk/reservations/{booked}/confirmation"));
        var english = WebUtility.HtmlDecode(await desk.GetAsync($"/desk/reservations/{booked}/confirmation?lang=en"));

        Assert.Contains("<html lang=\"es\"", paper, StringComparison.Ordinal);
        Assert.Contains("Su reserva", paper, StringComparison.Ordinal);
        Assert.Contains("martes, 13 de enero de 2026", paper, StringComparison.Ordinal);
        Assert.DoesNotContain("Your reservation", paper, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\"", english, StringComparison.Ordinal);
        Assert.Contains("Your reservation", english, StringComparison.Ordinal);
        Assert.Contains("Tuesday, January 13, 2026", english, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"es\"", await desk.GetAsync($"/desk/reservations/{booked}/confirmation?lang=xx-evil"), StringComparison.Ordinal); // unknown: the patron's
    }

    [Fact]
    public void EverySpanishSentence_KeepsTheEnglishPlaceholders()
    {
        var spanish = CultureInfo.GetCultureInfo("es");
        var catalogue = FieldWords.Catalogue(spanish);

        Assert.NotEmpty(catalogue);
        Assert.All(catalogue, e => Assert.Equal(Placeholders(e.Key), Placeholders(e.Value)));
        Assert.Equal("name es obligatorio.", FieldWords.Say("{0} is required.", spanish, "name"));
        Assert.Equal("An unknown sentence stays English.", FieldWords.Say("An unknown sentence stays English.", spanish));
    }

    private static string Placeholders(string text) =>
        string.Join(",", System.Text.RegularExpressions.Regex.Matches(text, @"(?<!\{)\{\d+(:[^}]*)?\}").Select(m => m.Value).Order(StringComparer.Ordinal));

    private Task<int> CountAsync() => host.InScopeAsync(async db =>
        await db.Locations.CountAsync() + await db.Reservations.CountAsync() + await db.WaitlistEntries.CountAsync()
        + await db.Sessions.CountAsync() + await db.MaintenanceBlocks.CountAsync() + await db.Certifications.CountAsync());

    private static string[] FieldsOf(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    private static string MessagesOf(JsonElement problem, string field) =>
        string.Join(" ", problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()));

    private static async Task<JsonElement> AskAsync(HttpClient client, Func<HttpClient, Task<HttpResponseMessage>> send, string? language, HttpStatusCode status, string code)
    {
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        var problem = await (await send(client)).ShouldBeProblemAsync(status, code);
        Assert.False(problem.TryGetProperty("__worded", out _)); // the marker never leaves the server
        return problem;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>The caller and the request it makes.</summary>
    private async Task<(HttpClient Client, Func<HttpClient, Task<HttpResponseMessage>> Send)> ArrangeAsync(string scenario)
    {
        var start = Local(Zone, "2026-01-13T10:00");
        switch (scenario)
        {
            case "location-name":
                return ((await host.SignInNewAsync(Roles.Admin)).Http, http => http.PostAsync("/api/v1/locations", Json("{}")));
            case "location-zone":
                return ((await host.SignInNewAsync(Roles.Admin)).Http, http => http.PostAsJsonAsync("/api/v1/locations", new { name = "Annex", timeZone = "Mars/Base" }));
            case "partner-name-length":
                return ((await host.SignInNewAsync(Roles.Admin)).Http, http => http.PostAsJsonAsync("/api/v1/partners", new { name = new string('a', 201) }));
            case "certification-validity":
                return ((await host.SignInNewAsync(Roles.Admin)).Http, http => http.PostAsJsonAsync("/api/v1/certifications", new { name = "Lathe", validityMonths = 999 }));
            case "session-kind":
                return ((await host.SignInNewAsync(Roles.Staff)).Http, http => http.PostAsJsonAsync("/api/v1/sessions", new { kind = "juggling" }));
            case "waitlist-resource":
                return ((await host.SignInNewAsync()).Http, http => http.PostAsync("/api/v1/waitlist", Json("{}")));
            case "reservation-offset":
                return ((await host.SignInNewAsync()).Http, http => http.PostAsync("/api/v1/reservations",
                    Json($$"""{"resourceId":"{{Guid.NewGuid()}}","start":"2026-01-13T10:00","end":"2026-01-13T11:00"}""")));
            case "reservation-nul":
                return ((await host.SignInNewAsync()).Http, http => http.PostAsync("/api/v1/reservations",
                    Json($$"""{"resourceId":"{{Guid.NewGuid()}}","start":"2026-01-13T10:00:00Z","end":"2026-01-13T11:00:00Z","notes":"a\u0000b"}""")));
            case "query-nul":
                return ((await host.SignInNewAsync()).Http, http => http.GetAsync("/api/v1/resources?q=a%00b"));
            case "maintenance-end":
                var resource = await host.ResourceAsync((await host.BranchAsync(Zone)).Id, KnownKinds.Printer3D);
                return ((await host.SignInNewAsync(Roles.Staff)).Http, http => http.PostAsJsonAsync($"/api/v1/resources/{resource.Id}/maintenance",
                    new { start, end = start.AddHours(-1), reason = "Belt" }));
            case "report-range":
                return ((await host.SignInNewAsync(Roles.Staff)).Http, http => http.GetAsync("/api/v1/reports/utilisation?from=2026-02-01&to=2026-01-01"));
            case "report-date":
                return ((await host.SignInNewAsync(Roles.Staff)).Http, http => http.GetAsync("/api/v1/reports/utilisation?from=yesterday&to=2026-01-01"));
            case "session-cancelled":
                var room = await host.ResourceAsync((await host.BranchAsync(Zone)).Id, KnownKinds.Room);
                var desk = await host.SignInNewAsync(Roles.Staff);
                var session = (await (await desk.Http.ScheduleAsync(new { kind = "workshop", title = "Soldering", roomId = room.Id, start, end = start.AddHours(2), capacity = 6 })).JsonAsync()).GetProperty("id").GetGuid();
                Assert.True((await desk.Http.PostAsJsonAsync($"/api/v1/sessions/{session}/cancel", new { reason = "The trainer is ill." })).IsSuccessStatusCode);
                return (desk.Http, http => http.PostAsJsonAsync($"/api/v1/sessions/{session}/cancel", new { reason = "Again." }));
            case "maintenance-lifted":
                var printer = await host.ResourceAsync((await host.BranchAsync(Zone)).Id, KnownKinds.Printer3D);
                var staff = await host.SignInNewAsync(Roles.Staff);
                var block = (await (await staff.Http.PostAsJsonAsync($"/api/v1/resources/{printer.Id}/maintenance", new { start, end = start.AddHours(3), reason = "Belt" })).JsonAsync()).GetProperty("block").GetProperty("id").GetGuid();
                Assert.True((await staff.Http.PostAsync($"/api/v1/resources/{printer.Id}/maintenance/{block}/lift", null)).IsSuccessStatusCode);
                return (staff.Http, http => http.PostAsync($"/api/v1/resources/{printer.Id}/maintenance/{block}/lift", null));
            case "grant-unknown":
                var patron = await host.SignInNewAsync();
                return ((await host.SignInNewAsync(Roles.Staff)).Http, http => http.DeleteAsync($"/api/v1/patrons/{patron.UserId}/certifications/{Guid.NewGuid()}?reason=Test"));
            default:
                throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "No scenario.");
        }
    }
}
