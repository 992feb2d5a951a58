using System.Net;
using System.Net.Http.Json;
using Booking.Data.Identity;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Booking.IntegrationTests.Partners;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.IntegrationTests.Languages;

/// <summary>
/// The partner desk's pages, and the library desk's patron pages with their partner section, in Spanish (issue #17 for
/// issue #20's pages), fetched in both languages as the staff who see them: Spanish sentences present, no English
/// sentence left (<see cref="SpanishPage"/>).
/// </summary>
public sealed class SpanishPartnerPagesTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task PartnerDeskPages_InSpanish_NoEnglishSentenceLeft()
    {
        var (partnerId, staff) = await host.PartnerWithStaffAsync(["room"], 6);
        var branch = await host.BranchAsync(Zone, opens: 0, closes: 0);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var hosted = await host.SessionAsync((await host.ResourceAsync(branch.Id, KnownKinds.Room)).Id, host.Clock.DaysAhead(Zone, 3, 14), partnerId, "Interview practice");
        await host.SessionAsync((await host.ResourceAsync(branch.Id, KnownKinds.Room)).Id, host.Clock.DaysAhead(Zone, 4, 14), partnerId, "CV clinic");
        var client = await PartnerSetup.ClientAsync(staff, "Rosa Díaz");
        var booked = await staff.Http.PostAsJsonAsync($"/api/v1/partner/clients/{client}/reservations",
            new { resourceId = room.Id, start = host.Clock.DaysAhead(Zone, 2, 10), end = host.Clock.DaysAhead(Zone, 2, 11) });
        var reservation = (await booked.JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await staff.Http.PostAsync($"/api/v1/partner/clients/{client}/sessions/{hosted}", null)).StatusCode);
        var http = host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        http.DefaultRequestHeaders.Authorization = staff.Http.DefaultRequestHeaders.Authorization;

        var home = await SpanishPage.ShouldBeSpanishAsync(host, http, "/partner", HttpStatusCode.OK, [],
            "Sus clientes", "Agregar un cliente sin correo electrónico", "Cada cliente puede tener como máximo 6 horas de reservas por semana (de lunes a domingo).");
        await SpanishPage.ShouldBeSpanishAsync(host, http, "/partner/clients/new", HttpStatusCode.OK, [],
            "Número de tarjeta de la biblioteca", "Agregar el cliente");
        await SpanishPage.ShouldBeSpanishAsync(host, http, $"/partner/clients/{client}", HttpStatusCode.OK, [],
            "Próximas reservas", "Reservar para Rosa Díaz", "Sesiones y asistencia", "inscrito", "Inscribir a Rosa Díaz");
        await SpanishPage.ShouldBeSpanishAsync(host, http, $"/partner/reservations/{reservation}/confirmation", HttpStatusCode.OK, [],
            "Su reserva", "Imprima esta página para su cliente: el menú del sitio, los enlaces y esta nota no salen en el papel.");
        Assert.Contains("Mostrador de la organización aliada", home);
    }

    [Fact]
    public async Task PatronsPartnersPage_InSpanish_NoEnglishSentenceLeft()
    {
        var (askingId, asking) = await host.PartnerWithStaffAsync(["room"], null);
        var (helpingId, helping) = await host.PartnerWithStaffAsync(["room"], null);
        var patron = await host.SignInNewAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await asking.Http.PostAsJsonAsync("/api/v1/partner/client-requests", new { email = patron.Email })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await helping.Http.PostAsJsonAsync("/api/v1/partner/client-requests", new { email = patron.Email })).StatusCode);
        var helpingRequest = await host.InScopeAsync(db => db.PartnerClientRequests.Where(r => r.PartnerId == helpingId && r.PatronId == patron.UserId).Select(r => r.Id).SingleAsync());
        using (var scope = host.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<Booking.Workflows.Partners.PartnerClientConsent>().AnswerAsync(patron.UserId, helpingRequest, agree: true, CancellationToken.None);
        }

        var http = host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        http.DefaultRequestHeaders.Authorization = patron.Http.DefaultRequestHeaders.Authorization;

        var page = await SpanishPage.ShouldBeSpanishAsync(host, http, "/account/partners", HttpStatusCode.OK, ["Job search help"],
            "Organizaciones aliadas", "Solicitudes que esperan su respuesta", "Aceptar", "Rechazar", "Organizaciones aliadas de las que es cliente", "Terminar");
        await SpanishPage.ShouldBeSpanishAsync(host, http, "/account/my-data", HttpStatusCode.OK, [], "Organizaciones aliadas");
        Assert.Contains(await host.InScopeAsync(db => db.Partners.Where(p => p.Id == askingId).Select(p => p.Name).SingleAsync()), page);
    }

    [Fact]
    public async Task DeskPatronPages_WithEverySection_InSpanish_NoEnglishSentenceLeft()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var cutter = await host.ResourceAsync(branch.Id, KnownKinds.LaserCutter);
        var lasting = await admin.Http.CertificationAsync(validityMonths: null);
        var yearly = await admin.Http.CertificationAsync(validityMonths: 12);
        var revoked = await admin.Http.CertificationAsync(validityMonths: 12);
        await host.RequireAsync(cutter.Id, lasting);
        foreach (var certification in new[] { lasting, yearly, revoked })
        {
            (await staff.Http.GrantAsync(patron.UserId, certification)).EnsureSuccessStatusCode();
        }

        var start = host.Clock.DaysAhead(Zone, 2, 10);
        (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).EnsureSuccessStatusCode();
        var card = $"C{Guid.NewGuid():N}"[..12].ToUpperInvariant();
        var suspension = new NoShowStrikes().Suspend(patron.UserId, KnownKinds.Laptop, "Laptop", 3, host.Clock.GetUtcNow().UtcDateTime);
        await host.InScopeAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == patron.UserId)).LibraryCardNumber = card;
            db.BookingSuspensions.Add(suspension);
            return await db.SaveChangesAsync();
        });
        using (var scope = host.Services.CreateScope())
        {
            var grant = await host.InScopeAsync(db => db.CertificationGrants.Where(g => g.PatronId == patron.UserId && g.CertificationId == revoked).Select(g => g.Id).SingleAsync());
            await scope.ServiceProvider.GetRequiredService<Booking.Workflows.Certifications.CertificationGranting>()
                .RevokeAsync(staff.UserId, patron.UserId, grant, "Left the cutter running", CancellationToken.None);
        }

        var (askingId, asking) = await host.PartnerWithStaffAsync(["room"], null);
        var (helpingId, helping) = await host.PartnerWithStaffAsync(["room"], null);
        Assert.Equal(HttpStatusCode.Accepted, (await asking.Http.PostAsJsonAsync("/api/v1/partner/client-requests", new { email = patron.Email })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await helping.Http.PostAsJsonAsync("/api/v1/partner/client-requests", new { email = patron.Email })).StatusCode);
        var helpingRequest = await host.InScopeAsync(db => db.PartnerClientRequests.Where(r => r.PartnerId == helpingId && r.PatronId == patron.UserId).Select(r => r.Id).SingleAsync());
        using (var scope = host.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<Booking.Workflows.Partners.PartnerClientConsent>().AnswerAsync(patron.UserId, helpingRequest, agree: true, CancellationToken.None);
        }

        var http = host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        http.DefaultRequestHeaders.Authorization = staff.Http.DefaultRequestHeaders.Authorization;
        string[] data = ["Left the cutter running"];
        var name = patron.Email.Split('@')[0];

        await SpanishPage.ShouldBeSpanishAsync(host, http, $"/desk/patrons?q={Uri.EscapeDataString(patron.Email)}", HttpStatusCode.OK, data,
            "Buscar un usuario", "Agregar un usuario sin correo electrónico", $"Resultados para “{patron.Email}”", name);
        await SpanishPage.ShouldBeSpanishAsync(host, http, $"/desk/patrons?q=nobody-{Guid.NewGuid():N}", HttpStatusCode.OK, data,
            "Revise la ortografía o busque una parte del correo electrónico.");
        var page = WebUtility.HtmlDecode(await SpanishPage.ShouldBeSpanishAsync(host, http, $"/desk/patrons/{patron.UserId}", HttpStatusCode.OK, data,
            "Correo electrónico:", $"Tarjeta de la biblioteca: {card}.", "Buscar otro usuario", "Guardar el número de tarjeta",
            "Certificaciones", "vigente", "revocada", "sin vencimiento.", "(revocada: Left the cutter running).", $"Se necesita para: {cutter.Name}.",
            "Otorgar una certificación", "no vence", "válida 12 meses", "Suspensiones", "No puede reservar", "3 reservas de Laptop no reclamadas en los últimos 60 días.", "Levantar la suspensión de laptop",
            "Organizaciones aliadas", "Próximas reservas", "Reservar en su nombre", "Hora de inicio", $"Reservar para {name}"));
        Assert.Contains($"<title>Usuario: {name} ·", page, StringComparison.Ordinal);
        Assert.Contains(await host.InScopeAsync(db => db.Partners.Where(p => p.Id == askingId).Select(p => p.Name).SingleAsync()), page);

        // A refused form and a done one say so in Spanish too.
        // Two members of staff: the language chosen is kept with the account.
        var english = await StaffPageSessionAsync(staff.Email, null);
        var spanish = await StaffPageSessionAsync((await host.SignInNewAsync(Roles.Staff)).Email, "es");
        var url = $"/desk/patrons/{patron.UserId}";
        var (_, en, _) = await english.SubmitAsync(url, $"{url}?handler=Card", new Dictionary<string, string> { ["CardNumber"] = "!!" });
        var (_, es, _) = await spanish.SubmitAsync(url, $"{url}?handler=Card", new Dictionary<string, string> { ["CardNumber"] = "!!" });
        Assert.Contains("A library card number is 4 to 20 letters and digits", en, StringComparison.Ordinal);
        Assert.Contains("Un número de tarjeta de la biblioteca tiene de 4 a 20 letras y dígitos", WebUtility.HtmlDecode(es), StringComparison.Ordinal);
        SpanishPage.ShouldHaveNoEnglishLeft(en, es, data.Concat(await SpanishPage.DataNamesAsync(host)), "card refused");
        var (_, lifted, _) = await spanish.SubmitAsync(url, $"{url}?handler=Lift&suspensionId={suspension.Id}", new Dictionary<string, string>());
        Assert.Contains("Se levantó la suspensión de laptop.", WebUtility.HtmlDecode(lifted), StringComparison.Ordinal);
        Assert.Contains("No hay ninguna suspensión vigente.", WebUtility.HtmlDecode(lifted), StringComparison.Ordinal);
    }

    /// <summary>A staff member's cookie session, switched to <paramref name="language"/> by the footer's form (null: left in English).</summary>
    private async Task<PageSession> StaffPageSessionAsync(string email, string? language)
    {
        var page = new PageSession(host);
        await page.SignInAsync(email, MakerspaceHost.Password);
        if (language is not null)
        {
            await page.SubmitAsync("/desk/patrons", "/language", new Dictionary<string, string> { ["lang"] = language, ["returnUrl"] = "/desk/patrons" });
        }

        return page;
    }
}
