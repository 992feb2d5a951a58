using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Booking.Data.Identity;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Languages;

/// <summary>
/// Every refusal a patron can meet through the API, asked twice: with <c>Accept-Language: es</c> it is Spanish, without
/// it English; the status and the stable <c>code</c> are the same, the sentence names the same facts, nothing is written.
/// </summary>
public sealed class RefusalLanguageTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Theory]
    [InlineData("slot-taken", 409, "is already booked from 10:00 AM to 11:15 AM (including 15 minutes kept free", "ya está reservado de 10:00 a 11:15 (incluidos 15 minutos")]
    [InlineData("outside-opening-hours", 422, "is open on Tuesdays 8:00 AM–8:00 PM", "Los días martes, el horario de")]
    [InlineData("duration", 422, "can be booked for 30 minutes to 8 hours; you asked for 15 minutes", "se puede reservar de 30 minutos a 8 horas; usted pidió 15 minutos")]
    [InlineData("lead-time", 422, "must be booked at least 30 minutes ahead", "debe reservarse con al menos 30 minutos de anticipación")]
    [InlineData("advance-window", 422, "can be booked at most 14 days ahead", "se puede reservar con un máximo de 14 días de anticipación")]
    [InlineData("closed", 422, "is closed from", "está cerrada del")]
    [InlineData("out-of-service", 422, "is out of service: Nozzle replaced", "está fuera de servicio: Nozzle replaced")]
    [InlineData("maintenance", 422, "is blocked for maintenance from", "está bloqueado por mantenimiento del")]
    [InlineData("quota", 422, "You already hold 2 upcoming bookings of this kind; the limit is 2.", "Ya tiene 2 reservas próximas de este tipo; el límite es 2.")]
    [InlineData("certification-required", 403, "is required: no training is scheduled yet", "todavía no hay ninguna capacitación programada")]
    [InlineData("suspended", 422, "(New York time)", "(hora de New York)")]
    [InlineData("check-in-window", 422, "Check-in opens 15 minutes before the start.", "El registro de llegada se abre 15 minutos antes del inicio.")]
    [InlineData("invalid-state", 409, "You cannot cancel a reservation that is cancelled.", "No se puede cancelar una reserva que está cancelada.")]
    [InlineData("registration-closed", 422, "was cancelled: The trainer is ill.", "se canceló: The trainer is ill.")]
    [InlineData("conflict", 409, "That time is free: book it instead of waiting.", "Ese horario está libre: resérvelo en lugar de esperar.")]
    [InlineData("not-found", 404, "No reservation with that id (or it is not yours).", "No hay ninguna reserva con ese identificador (o no es suya).")]
    [InlineData("forbidden", 403, "Only staff can book on someone else's behalf.", "Solo el personal puede reservar en nombre de otra persona.")]
    public async Task Refusal_InTheCallersLanguage_SameCodeAndStatus(string code, int status, string english, string spanish)
    {
        var (patron, send, count) = await ArrangeAsync(code);
        var before = await count();

        var en = await AskAsync(patron, send, null, (HttpStatusCode)status, code);
        var es = await AskAsync(patron, send, "es", (HttpStatusCode)status, code);

        Assert.Contains(english, en.Detail, StringComparison.Ordinal);
        Assert.Contains(spanish, es.Detail, StringComparison.Ordinal);
        Assert.NotEqual(en.Title, es.Title);
        Assert.Equal(before, await count()); // a refusal changes nothing
    }

    [Fact]
    public async Task Refusal_OnTheBookingPage_IsInTheReadersLanguage()
    {
        var branch = await host.BranchAsync(Zone);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var patron = await host.SignInNewAsync();
        var page = new PageSession(host);
        await page.SignInAsync(patron.Email, MakerspaceHost.Password);
        await page.SubmitAsync("/", "/language", new Dictionary<string, string> { ["lang"] = "es", ["returnUrl"] = "/" });

        var (_, html, _) = await page.SubmitAsync($"/reservations/new?resourceId={printer.Id}", $"/reservations/new?resourceId={printer.Id}",
            new Dictionary<string, string> { ["Date"] = "2026-01-13", ["StartTime"] = "10:00", ["EndTime"] = "10:15" });

        Assert.Contains("se puede reservar de 30 minutos a 8 horas; usted pidió 15 minutos", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    private async Task<(string Title, string Detail)> AskAsync(SignedInClient patron, Func<HttpClient, Task<HttpResponseMessage>> send, string? language, HttpStatusCode status, string code)
    {
        patron.Http.DefaultRequestHeaders.AcceptLanguage.Clear();
        if (language is not null)
        {
            patron.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        var problem = await (await send(patron.Http)).ShouldBeProblemAsync(status, code);
        Assert.False(problem.TryGetProperty("__worded", out _)); // the marker never leaves the server
        return (problem.GetProperty("title").GetString()!, problem.GetProperty("detail").GetString()!);
    }

    /// <summary>The patron, the request that is refused, and a count of what it would have written.</summary>
    private async Task<(SignedInClient Patron, Func<HttpClient, Task<HttpResponseMessage>> Send, Func<Task<int>> Count)> ArrangeAsync(string code)
    {
        var branch = await host.BranchAsync(Zone, configure: code == "closed" ? l => l.AddClosure(new DateTime(2026, 1, 15), new DateTime(2026, 1, 16), "Staff training day") : null);
        var kind = code is "slot-taken" or "closed" or "check-in-window" or "invalid-state" or "registration-closed" or "conflict" ? KnownKinds.Room
            : code == "certification-required" ? KnownKinds.LaserCutter
            : KnownKinds.Printer3D;
        var resource = await host.ResourceAsync(branch.Id, kind);
        var patron = await host.SignInNewAsync();
        var start = Local(Zone, "2026-01-13T10:00");
        Func<Task<int>> reservations = () => host.InScopeAsync(db => db.Reservations.CountAsync(r => r.ResourceId == resource.Id));
        Func<HttpClient, Task<HttpResponseMessage>> book = http => http.BookAsync(resource.Id, start, start.AddHours(1));

        switch (code)
        {
            case "slot-taken":
                var other = await host.SignInNewAsync();
                await (await other.Http.BookAsync(resource.Id, start, start.AddHours(1))).JsonAsync();
                return (patron, book, reservations);
            case "outside-opening-hours":
                return (patron, http => http.BookAsync(resource.Id, Local(Zone, "2026-01-13T07:00"), Local(Zone, "2026-01-13T08:00")), reservations);
            case "duration":
                return (patron, http => http.BookAsync(resource.Id, start, start.AddMinutes(15)), reservations);
            case "lead-time":
                var soon = host.Clock.GetUtcNow(); // 07:00 in New York, on a step: only the lead time is broken
                return (patron, http => http.BookAsync(resource.Id, soon, soon.AddHours(1)), reservations);
            case "advance-window":
                return (patron, http => http.BookAsync(resource.Id, Local(Zone, "2026-02-20T10:00"), Local(Zone, "2026-02-20T11:00")), reservations);
            case "closed":
                return (patron, http => http.BookAsync(resource.Id, Local(Zone, "2026-01-15T10:00"), Local(Zone, "2026-01-15T11:00")), reservations);
            case "out-of-service":
                await host.InScopeAsync(async db =>
                {
                    (await db.Resources.FirstAsync(r => r.Id == resource.Id)).TakeOutOfService("Nozzle replaced");
                    return await db.SaveChangesAsync();
                });
                return (patron, book, reservations);
            case "maintenance":
                var staff = await host.SignInNewAsync(Roles.Staff);
                var blocked = await staff.Http.PostAsJsonAsync($"/api/v1/resources/{resource.Id}/maintenance", new { start, end = start.AddHours(3), reason = "Belt tension" });
                Assert.True(blocked.IsSuccessStatusCode);
                return (patron, book, reservations);
            case "quota":
                await (await patron.Http.BookAsync(resource.Id, start, start.AddHours(1))).JsonAsync();
                await (await patron.Http.BookAsync(resource.Id, start.AddHours(2), start.AddHours(3))).JsonAsync();
                return (patron, http => http.BookAsync(resource.Id, start.AddHours(4), start.AddHours(5)), reservations);
            case "certification-required":
                var admin = await host.SignInNewAsync(Roles.Admin);
                await host.RequireAsync(resource.Id, await admin.Http.CertificationAsync());
                return (patron, book, reservations);
            case "suspended":
                var now = host.Clock.GetUtcNow().UtcDateTime;
                await host.InScopeAsync(db =>
                {
                    db.BookingSuspensions.Add(new BookingSuspension(patron.UserId, KnownKinds.Printer3D, now.AddDays(-1), now.AddDays(5), "Three reservations were not claimed."));
                    return db.SaveChangesAsync();
                });
                return (patron, book, reservations);
            case "check-in-window":
                var booked = (await (await patron.Http.BookAsync(resource.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
                return (patron, http => http.PostAsync($"/api/v1/reservations/{booked}/check-in", null), reservations);
            case "invalid-state":
                var mine = (await (await patron.Http.BookAsync(resource.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
                Assert.True((await patron.Http.PostAsJsonAsync($"/api/v1/reservations/{mine}/cancel", new { reason = (string?)null })).IsSuccessStatusCode);
                return (patron, http => http.PostAsJsonAsync($"/api/v1/reservations/{mine}/cancel", new { reason = (string?)null }), reservations);
            case "registration-closed":
                var desk = await host.SignInNewAsync(Roles.Staff);
                var session = (await (await desk.Http.ScheduleAsync(new { kind = "workshop", title = "Soldering", roomId = resource.Id, start, end = start.AddHours(2), capacity = 6 })).JsonAsync()).GetProperty("id").GetGuid();
                Assert.True((await desk.Http.PostAsJsonAsync($"/api/v1/sessions/{session}/cancel", new { reason = "The trainer is ill." })).IsSuccessStatusCode);
                return (patron, http => http.PostAsync($"/api/v1/sessions/{session}/registrations", null),
                    () => host.InScopeAsync(db => db.SessionRegistrations.CountAsync(r => r.SessionId == session)));
            case "conflict":
                return (patron, http => http.PostAsJsonAsync("/api/v1/waitlist", new { resourceId = resource.Id, start, end = start.AddHours(1) }),
                    () => host.InScopeAsync(db => db.WaitlistEntries.CountAsync(w => w.ResourceId == resource.Id)));
            case "not-found":
                return (patron, http => http.PostAsJsonAsync($"/api/v1/reservations/{Guid.NewGuid()}/cancel", new { reason = (string?)null }), reservations);
            case "forbidden":
                var someone = await host.SignInNewAsync();
                return (patron, http => http.BookAsync(resource.Id, start, start.AddHours(1), someone.UserId), reservations);
            default:
                throw new ArgumentOutOfRangeException(nameof(code), code, "No scenario for this code.");
        }
    }
}
