using System.Net;
using System.Net.Http.Json;
using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Booking.Web.Features.Locations;
using Microsoft.EntityFrameworkCore;

namespace Booking.IntegrationTests.Languages;

/// <summary>
/// The admin pages (start page, branches, certifications, user roles, partners, audit log) and the desk's maintenance
/// blocks in Spanish (issue #17), each fetched as the person who sees it, with the rows and the form errors that make
/// its sections show: <c>lang="es"</c>, a few key sentences, and no English sentence left (data excepted).
/// </summary>
public sealed class SpanishAdminPagesATests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    /// <summary>The branch form's zone list names places by their IANA ids ("New York (America/New_York)"): data in every language.</summary>
    private static readonly string[] ZoneLabels = TimeZones.ByRegion.SelectMany(r => r.Zones).Select(z => z.Label).ToArray();

    [Fact]
    public async Task Admin_SetupPagesWithRows_AreSpanish()
    {
        var branch = await host.BranchAsync(Zone);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var admin = await host.SignInNewAsync(Roles.Admin);
        var reason = $"Staff training {Guid.NewGuid():N}"[..24];
        (await admin.Http.PostAsJsonAsync($"/api/v1/locations/{branch.Id}/closures",
            new { startsLocal = "2026-12-24T13:00", endsLocal = "2026-12-24T18:00", reason })).EnsureSuccessStatusCode();
        var basic = $"Basics{Guid.NewGuid():N}"[..14];
        var advanced = $"Advanced{Guid.NewGuid():N}"[..16];
        var basicId = await admin.Http.CertificationAsync(basic, validityMonths: null);
        var advancedId = await admin.Http.CertificationAsync(advanced, 12, basicId);
        await host.RequireAsync(printer.Id, advancedId);
        var partner = $"Guild{Guid.NewGuid():N}"[..14];
        await host.InScopeAsync(async db =>
        {
            db.Partners.Add(new Domain.Partners.PartnerOrganisation(partner, null, "Mentoring", null, host.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });
        var data = ZoneLabels.Append(reason).Append("Mentoring").Append("Hands-on safety").ToArray();

        await SpanishAsync(admin.Http, "/admin", data, "Administración", "Configure las sedes de la biblioteca", "Registro de auditoría", "Funciones de los usuarios");
        var locations = await SpanishAsync(admin.Http, "/admin/locations", data,
            "Sedes", "Agregar una sede", "Horario de apertura", "días a la semana", "hora de New York", "Elija la zona horaria de la sede");
        Assert.Contains("<optgroup label=\"Europa\">", locations);
        var location = await SpanishAsync(admin.Http, $"/admin/locations/{branch.Id}", data,
            "Guardar los datos", "En la hora local de la sede (hora de New York)", "Lunes", "El periodo 1 abre", "Copiar el horario del lunes a todos los días",
            "Cierres programados, hora local", "jueves, 24 de diciembre de 2026 13:00", "Agregar un cierre", "Motivo (los usuarios lo ven)");
        Assert.Contains("aria-label=\"Quitar el cierre del jueves, 24 de diciembre de 2026 13:00\"", location);
        await SpanishAsync(admin.Http, "/admin/certifications", data,
            "Certificaciones", "no vence", "12 meses", basic, printer.Name, "Agregar una certificación", "Requisitos previos (certificaciones que el usuario ya debe tener)");
        await SpanishAsync(admin.Http, $"/admin/certifications/{advancedId}", data, $"Editar {advanced}", "Guardar certificación", "ninguna puede exigir esta");
        var users = await SpanishAsync(admin.Http, $"/admin/users?email={Uri.EscapeDataString(admin.Email)}", data,
            "Cuentas 1–1 de 1 que coinciden con", "Función actual", "Administrador", "Asignar función", "Creada");
        Assert.Contains("<option value=\"Staff\">Personal</option>", users);
        await SpanishAsync(admin.Http, "/admin/users?email=nobody-at-all&pageNumber=7", data, "Ninguna cuenta coincide con “nobody-at-all”.");
        await SpanishAsync(admin.Http, "/admin/partners", data, "Organizaciones asociadas", "Vea la página pública de organizaciones asociadas.", "Agregar una organización asociada", partner);
    }

    [Fact]
    public async Task StaffAndAdmin_MaintenanceAndAuditLog_AreSpanish()
    {
        var branch = await host.BranchAsync(Zone);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var reason = $"Nozzle {Guid.NewGuid():N}"[..16];
        var start = host.Clock.DaysAhead(Zone, 3, 9);
        await (await staff.Http.PostAsJsonAsync($"/api/v1/resources/{printer.Id}/maintenance", new { start, end = start.AddHours(3), reason })).JsonAsync();
        await admin.Http.CertificationAsync($"Audited{Guid.NewGuid():N}"[..16]);
        var details = await host.InScopeAsync(db => db.AuditLog.Select(a => a.Details).ToListAsync());
        var data = details.Append(reason).ToArray();

        await SpanishAsync(staff.Http, $"/desk/maintenance?locationId={branch.Id}", data,
            "Bloqueos por mantenimiento: ", "Las horas se indican en la hora de New York (la hora local de la sede).", "Próximo", "Levantar", "Agregar un bloqueo", "Inicio (fecha y hora locales)");
        var audit = await SpanishAsync(admin.Http, $"/admin/audit?person={Uri.EscapeDataString(admin.Email)}", data,
            "Registro de auditoría", "Las horas se indican en la hora de ", "Certificación definida", "Descargar estas entradas como CSV", "Cualquier acción");
        Assert.Contains("<option value=\"maintenance.lift\">Bloqueo levantado</option>", audit);
        await SpanishAsync(staff.Http, $"/admin/audit?action=maintenance.block", data, HttpStatusCode.Forbidden, "Solo para administradores", "pídaselo a un administrador");
    }

    [Fact]
    public async Task Admin_FormErrorsAndNotes_AreSpanish()
    {
        var branch = await host.BranchAsync(Zone);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var english = await AdminPageSessionAsync(null);
        var spanish = await AdminPageSessionAsync("es");
        var data = ZoneLabels.Concat(await SpanishPage.DataNamesAsync(host)).ToArray();
        var maintenance = $"/desk/maintenance?locationId={branch.Id}";
        var day = host.Clock.DaysAhead(Zone, 3, 0).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        async Task<string> BothAsync(string page, string action, Dictionary<string, string> fields, params string[] sentences)
        {
            var (_, en, _) = await english.SubmitAsync(page, action, fields);
            var (_, es, _) = await spanish.SubmitAsync(page, action, fields);
            Assert.Contains("<html lang=\"es\">", es, StringComparison.Ordinal);
            var text = WebUtility.HtmlDecode(SpanishPage.Text(es));
            foreach (var sentence in sentences)
            {
                Assert.True(text.Contains(sentence, StringComparison.Ordinal), $"{action}: the Spanish page lacks “{sentence}”:\n{text}");
            }

            SpanishPage.ShouldHaveNoEnglishLeft(en, es, data, action);
            return es;
        }

        await BothAsync(maintenance, $"/desk/maintenance?handler=Block&locationId={branch.Id}",
            new() { ["ResourceId"] = printer.Id.ToString(), ["Start"] = $"{day}T12:00", ["End"] = $"{day}T09:00", ["Reason"] = "Lens" },
            "El final debe ser posterior al inicio.");
        await BothAsync("/admin/partners", "/admin/partners", new() { ["Partner.Name"] = " ", ["Partner.Website"] = "ftp://x" },
            "Indique el nombre de la organización.", "Indique una dirección web que empiece con https:// o http://");
        await BothAsync($"/admin/locations/{branch.Id}", $"/admin/locations/{branch.Id}?handler=CopyMonday",
            new() { ["copyTo"] = "week", ["Hours[0].Day"] = "Monday", ["Hours[0].Opens"] = "09:00", ["Hours[0].Closes"] = "17:00" },
            "Se copió el horario del lunes a todos los días. Todavía no se guardó nada");
        var (_, blocked, _) = await spanish.SubmitAsync(maintenance, $"/desk/maintenance?handler=Block&locationId={branch.Id}",
            new Dictionary<string, string> { ["ResourceId"] = printer.Id.ToString(), ["Start"] = $"{day}T12:00", ["End"] = $"{day}T13:00", ["Reason"] = "Lens" });
        Assert.Contains($"Se bloqueó {printer.Name} desde el ", WebUtility.HtmlDecode(blocked), StringComparison.Ordinal);
        Assert.Contains("Ninguna reserva coincidía.", WebUtility.HtmlDecode(blocked), StringComparison.Ordinal);
    }

    private Task<string> SpanishAsync(HttpClient client, string url, IEnumerable<string> data, params string[] sentences) =>
        SpanishAsync(client, url, data, HttpStatusCode.OK, sentences);

    private async Task<string> SpanishAsync(HttpClient client, string url, IEnumerable<string> data, HttpStatusCode expected, params string[] sentences) =>
        WebUtility.HtmlDecode(await SpanishPage.ShouldBeSpanishAsync(host, client, url, expected, data, sentences));

    /// <summary>A new admin's cookie session, switched to <paramref name="language"/> by the footer's form (null: left in English).</summary>
    private async Task<PageSession> AdminPageSessionAsync(string? language)
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var page = new PageSession(host);
        await page.SignInAsync(admin.Email, MakerspaceHost.Password);
        if (language is not null)
        {
            await page.SubmitAsync("/admin", "/language", new Dictionary<string, string> { ["lang"] = language, ["returnUrl"] = "/admin" });
        }

        return page;
    }
}
