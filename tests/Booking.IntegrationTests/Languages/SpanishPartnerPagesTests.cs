using System.Net;
using System.Net.Http.Json;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.IntegrationTests.Partners;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.IntegrationTests.Languages;

/// <summary>
/// The partner desk's pages in Spanish (issue #17 for issue #20's pages), fetched as partner staff in both languages:
/// Spanish sentences present, no English sentence left (<see cref="SpanishPage"/>).
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
}
