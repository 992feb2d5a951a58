using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Booking.Data;
using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Booking.IntegrationTests.Languages;

/// <summary>
/// The reservation, waiting-list, session, partner, survey, certification, door-display and kiosk pages in Spanish
/// (issue #17), each fetched as the person who sees it: <c>&lt;html lang="es"&gt;</c>, a few key sentences, and no
/// sentence of the English rendering's visible text (the page's own content in <c>&lt;main&gt;</c>, its title,
/// aria-labels, placeholders and alt texts) left verbatim in the Spanish one, data (names, e-mails, titles) excepted.
/// </summary>
public sealed partial class SpanishPagesBTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Visitor_SessionsPartnersSurveyAndDoor_AreSpanish()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var partner = $"Makers{Guid.NewGuid():N}"[..16];
        var partnerId = await PartnerAsync(partner, "Community", "Mentoring", "https://makers.example.org");
        var start = host.Clock.DaysAhead(Zone, 3, 10);
        var title = $"Soldering{Guid.NewGuid():N}"[..18];
        var session = (await (await staff.Http.ScheduleAsync(new { kind = "workshop", title, roomId = room.Id, start, end = start.AddHours(1), capacity = 5, partnerId })).JsonAsync()).GetProperty("id").GetGuid();
        await SurveyAsync();
        var survey = await SurveyTextsAsync();
        var data = new[] { branch.Name, room.Name, partner, title, "Community", "Mentoring" };
        var visitor = host.CreateClient();

        await SpanishAsync(visitor, "/sessions", data, "Sesiones", "Mostrar sesiones", "nuestras organizaciones asociadas");
        await SpanishAsync(visitor, $"/sessions/{session}", data, "Inicie sesión para inscribirse", "(hora local de la sede)", "Dónde");
        await SpanishAsync(visitor, "/partners", data, "Nuestras organizaciones asociadas", "Qué ofrecen:", $"Sitio web de {partner}", "Próximas sesiones");
        await SpanishAsync(visitor, "/survey", data.Concat(survey), "No ha iniciado sesión", "Enviar mis respuestas");
        await SpanishAsync(visitor, "/survey/thanks", data, "Gracias", "Sus respuestas quedaron registradas.");
        await SpanishAsync(visitor, $"/display/{branch.Id}", data, $"Ahora en {branch.Name}", "Sesiones de hoy", "Actualizado a las");

        // The home page's survey invitation (the page around it is translated with the home page).
        var english = InviteOf(await SpanishPage.GetInAsync(visitor, "/", "en"));
        var spanish = InviteOf(await SpanishPage.GetInAsync(visitor, "/", "es"));
        Assert.Contains("Help us plan", english);
        Assert.Contains("Ayúdenos a planificar: responda la encuesta de habilidades", spanish);
        SpanishPage.ShouldHaveNoEnglishLeft(english, spanish, data, "/ (survey invitation)");
    }

    [Fact]
    public async Task Patron_MyReservationsWithEverything_BookingCancelWaitlistAndSeries_AreSpanish()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var laptop = await host.ResourceAsync(branch.Id, KnownKinds.Laptop);
        var patron = await host.SignInNewAsync();
        var other = await host.SignInNewAsync();
        var staff = await host.SignInNewAsync(Roles.Staff);
        var start = host.Clock.DaysAhead(Zone, 2, 10);

        var mine = (await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
        await (await patron.Http.BookAsync(laptop.Id, start, start.AddHours(2))).JsonAsync();
        var dropped = (await (await patron.Http.BookAsync(room.Id, start.AddHours(3), start.AddHours(4))).JsonAsync()).GetProperty("id").GetGuid();
        await (await patron.Http.PostAsJsonAsync($"/api/v1/reservations/{dropped}/cancel", new { })).JsonAsync();
        var taken = start.AddHours(5);
        await (await other.Http.BookAsync(room.Id, taken, taken.AddHours(1))).JsonAsync();
        await (await patron.Http.PostAsJsonAsync("/api/v1/waitlist", new { resourceId = room.Id, start = taken, end = taken.AddHours(1) })).JsonAsync();
        var firstDate = DateOnly.FromDateTime(host.Clock.DaysAhead(Zone, 7, 0).DateTime);
        var series = (await (await staff.Http.PostAsJsonAsync("/api/v1/reservations/series", new
        {
            resourceId = room.Id,
            patronId = patron.UserId,
            firstDate = firstDate.ToString("yyyy-MM-dd"),
            startTime = "14:00",
            endTime = "15:00",
            repeat = "weekly",
            count = 3,
        })).JsonAsync()).GetProperty("id").GetGuid();
        var sessionStart = host.Clock.DaysAhead(Zone, 4, 12);
        var title = $"Networking{Guid.NewGuid():N}"[..18];
        var session = (await (await staff.Http.ScheduleAsync(new { kind = "networking", title, roomId = room.Id, start = sessionStart, end = sessionStart.AddHours(1), capacity = 5 })).JsonAsync()).GetProperty("id").GetGuid();
        await (await patron.Http.PostAsync($"/api/v1/sessions/{session}/registrations", null)).JsonAsync();
        var data = new[] { branch.Name, room.Name, laptop.Name, title, Zone };

        var list = await SpanishAsync(patron.Http, "/reservations/mine", data,
            "Mis reservas", "Próximas", "Mis sesiones", "Listas de espera", "en espera, número 1", "Salir de la lista de espera",
            "Canceladas", "Parte de una serie: todos los", ", 3 veces: 3 reservadas.", "Ver todas las fechas de la serie",
            "El registro de llegada abre el", "Recójalo en el mostrador el", "Su calendario suscrito", "inscripción confirmada", "confirmada");
        Assert.Contains($"href=\"/reservations/series/{series}\"", list);
        await SpanishAsync(patron.Http, $"/reservations/new?resourceId={room.Id}&start={start.AddDays(1):yyyy-MM-ddTHH:mm}", data,
            $"Reservar {room.Name}", "Las horas están en la hora local de la sede (hora de New York).", "Notas para el personal (opcional)", "Hora de inicio");
        await SpanishAsync(patron.Http, $"/reservations/{mine}/cancel", data,
            "¿Cancelar esta reserva?", "Sí, cancelarla", "No, conservarla", "El horario queda libre para otras personas de inmediato");
        await SpanishAsync(patron.Http, $"/waitlist/new?resourceId={room.Id}&start={taken:yyyy-MM-ddTHH:mm}", data,
            $"Unirse a la lista de espera de {room.Name}", "Alguien ya reservó este horario.", "Hasta");
        await SpanishAsync(patron.Http, $"/reservations/series/{series}", data,
            $"Serie: {room.Name}", "Fechas", "Cancelar esta fecha", "Cancelar el resto de la serie", "Elija una fecha…", "las horas son locales de la sede");
    }

    [Fact]
    public async Task Patron_BookingFormRefusalWaitlistAndCancel_SayWhatHappenedInSpanish()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var other = await host.SignInNewAsync();
        var start = host.Clock.DaysAhead(Zone, 2, 13);
        await (await other.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync();
        var patron = await host.SignInNewAsync();
        var page = new PageSession(host);
        await page.SignInAsync(patron.Email, MakerspaceHost.Password);
        await page.SubmitAsync("/reservations/mine", "/language", new Dictionary<string, string> { ["lang"] = "es", ["returnUrl"] = "/" });
        var form = $"/reservations/new?resourceId={room.Id}";
        Dictionary<string, string> Times(DateTimeOffset at) => new()
        {
            ["ResourceId"] = room.Id.ToString(),
            ["Date"] = at.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["StartTime"] = at.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["EndTime"] = at.AddHours(1).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        };

        var (_, refused, _) = await page.SubmitAsync(form, form, Times(start));
        refused = WebUtility.HtmlDecode(refused);
        Assert.Contains("Este horario no se puede reservar", refused);
        Assert.Contains("Unirse a la lista de espera para este horario", refused);
        Assert.Contains($"Ver cuándo está libre {room.Name}", refused);

        var (_, bad, _) = await page.SubmitAsync(form, form, new Dictionary<string, string> { ["ResourceId"] = room.Id.ToString(), ["Date"] = "1900-01-01", ["StartTime"] = "10:00", ["EndTime"] = "11:00" });
        bad = WebUtility.HtmlDecode(bad); // text from C# is encoded (ñ is &#xF1;), the resources' own words are not
        Assert.Contains("Indique una fecha entre los años 2000 y", bad);

        var (_, waiting, url) = await page.SubmitAsync(form, $"/waitlist/new?resourceId={room.Id}", Times(start));
        waiting = WebUtility.HtmlDecode(waiting);
        Assert.Equal("/reservations/mine", url?.AbsolutePath);
        Assert.Contains($"Está en la lista de espera de {room.Name} para el", waiting);
        Assert.Contains("en el lugar número 1", waiting);

        var (_, booked, _) = await page.SubmitAsync(form, form, Times(start.AddHours(2)));
        booked = WebUtility.HtmlDecode(booked);
        Assert.Contains($"Reservó {room.Name} para el", booked);
        var id = await host.InScopeAsync(db => db.Reservations.Where(r => r.PatronId == patron.UserId).Select(r => r.Id).SingleAsync());

        var (_, cancelled, _) = await page.SubmitAsync($"/reservations/{id}/cancel", $"/reservations/{id}/cancel", new Dictionary<string, string>());
        cancelled = WebUtility.HtmlDecode(cancelled);
        Assert.Contains("Reserva cancelada.", cancelled);
        Assert.Contains("<html lang=\"es\">", cancelled);
        Assert.DoesNotContain(">Cancelled.<", cancelled);
    }

    [Fact]
    public async Task Patron_SessionDetailsAndMyCertifications_AreSpanish()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var cutter = await host.ResourceAsync(branch.Id, KnownKinds.LaserCutter);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        var held = $"Printing{Guid.NewGuid():N}"[..16];
        var lacking = $"Cutting{Guid.NewGuid():N}"[..16];
        var heldId = await admin.Http.CertificationAsync(held);
        var lackingId = await admin.Http.CertificationAsync(lacking);
        await host.RequireAsync(printer.Id, heldId);
        await host.RequireAsync(cutter.Id, lackingId);
        (await staff.Http.GrantAsync(patron.UserId, heldId)).EnsureSuccessStatusCode();
        var trainingTitle = $"Safety{Guid.NewGuid():N}"[..14];
        var training = (await staff.Http.TrainingAsync(room.Id, lackingId, host.Clock.DaysAhead(Zone, 5, 10), title: trainingTitle)).GetProperty("id").GetGuid();
        await (await patron.Http.PostAsync($"/api/v1/sessions/{training}/registrations", null)).JsonAsync();
        var data = new[] { branch.Name, room.Name, cutter.Name, printer.Name, held, lacking, trainingTitle, "Hands-on safety" };

        await SpanishAsync(patron.Http, "/certifications/mine", data,
            "Mis certificaciones", "Lo que tiene", "Otorgada el", "Válida hasta el", $"Le permite reservar: {printer.Name}.",
            "Lo que todavía necesita", $"Se necesita para: {cutter.Name}.", "Próximas capacitaciones:");
        await SpanishAsync(patron.Http, $"/sessions/{training}", data,
            $": si aprueba, obtiene {lacking}", "Su lugar", "Cancelar mi inscripción", "Todas las sesiones");
        await SpanishAsync(patron.Http, "/sessions", data, $"Otorga {lacking}");
    }

    [Fact]
    public async Task Staff_SeriesKioskBoardSessionsAndPartnerEdit_AreSpanish()
    {
        // All day open, so the kiosk's check-in window is open whatever the clock says.
        var branch = await host.BranchAsync("Europe/London", opens: 0, closes: 0);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var staff = await host.SignInNewAsync(Roles.Staff);
        var admin = await host.SignInNewAsync(Roles.Admin);
        var data = new[] { branch.Name, room.Name };

        await SpanishAsync(staff.Http, "/desk/series", data,
            "Reservar una serie", "Cada semana, el mismo día de la semana que la primera fecha", "Cuántas veces (de 1 a", "Mostrador del personal");
        await SpanishAsync(staff.Http, $"/kiosk/{branch.Id}", data,
            "Registre su llegada", "Su correo electrónico o número de tarjeta de la biblioteca", "Buscar mi reserva");
        var tablet = await host.SignInNewAsync(Roles.Kiosk);
        var branches = await SpanishAsync(tablet.Http, "/kiosk", data, "Registro de llegada", "Esta cuenta puede abrir las páginas de registro de llegada y nada más.");
        Assert.Contains($"Registre su llegada en {branch.Name}", branches);

        var now = host.Clock.GetUtcNow();
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(2);
        await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync();
        host.Clock.MoveTo(start.AddMinutes(-5));
        var kiosk = new PageSession(host);
        await kiosk.SignInAsync(staff.Email, MakerspaceHost.Password);
        await kiosk.SubmitAsync($"/kiosk/{branch.Id}", "/language", new Dictionary<string, string> { ["lang"] = "es", ["returnUrl"] = $"/kiosk/{branch.Id}" });
        var (_, nothing, _) = await kiosk.SubmitAsync($"/kiosk/{branch.Id}", $"/kiosk/{branch.Id}?handler=Find", new Dictionary<string, string> { ["Identifier"] = "nobody@example.test" });
        Assert.Contains("No hay ninguna reserva para registrar su llegada en este momento.", WebUtility.HtmlDecode(nothing));
        var (_, found, _) = await kiosk.SubmitAsync($"/kiosk/{branch.Id}", $"/kiosk/{branch.Id}?handler=Find", new Dictionary<string, string> { ["Identifier"] = patron.Email });
        found = WebUtility.HtmlDecode(found);
        Assert.Contains("Su reserva para registrar la llegada ahora:", found);
        Assert.Contains($"Registrar llegada: {room.Name}, {start:HH:mm}–{start.AddHours(1):HH:mm}", found);
        var token = KioskToken().Match(found).Groups[1].Value;
        var formToken = await kiosk.FormTokenAsync($"/kiosk/{branch.Id}");
        var (_, done, _) = await kiosk.PostFormAsync($"/kiosk/{branch.Id}?handler=CheckIn", formToken, [new("token", token)]);
        Assert.Contains($"Su llegada quedó registrada: {room.Name}, {start:HH:mm}–{start.AddHours(1):HH:mm}. ¡Que lo disfrute!", WebUtility.HtmlDecode(done));
        Assert.Contains(">Listo</a>", done);

        // Moving the clock ended the bearer tokens' lifetime: sign in again.
        staff = staff with { Http = await host.SignInAsync(staff.Email, MakerspaceHost.Password) };
        patron = patron with { Http = await host.SignInAsync(patron.Email, MakerspaceHost.Password) };
        admin = admin with { Http = await host.SignInAsync(admin.Email, MakerspaceHost.Password) };
        await SpanishAsync(staff.Http, $"/desk?locationId={branch.Id}", data.Append(patron.Email.Split('@')[0]),
            "Mostrador del personal: ", "Reservas, en orden de inicio", "llegada registrada", "Completar", "pantalla de la puerta");

        var sessionStart = start.AddDays(2);
        var title = $"Knitting{Guid.NewGuid():N}"[..16];
        var session = (await (await staff.Http.ScheduleAsync(new { kind = "workshop", title, roomId = room.Id, start = sessionStart, end = sessionStart.AddHours(1), capacity = 4 })).JsonAsync()).GetProperty("id").GetGuid();
        await (await patron.Http.PostAsync($"/api/v1/sessions/{session}/registrations", null)).JsonAsync();
        var people = data.Append(patron.Email.Split('@')[0]).ToArray();
        await SpanishAsync(staff.Http, $"/desk/sessions?locationId={branch.Id}", people, "Asistencia a sesiones", "Próximamente (los próximos", "1 de 4 lugares ocupados");
        await SpanishAsync(staff.Http, $"/desk/sessions/{session}", people, "Inscripciones", "inscripción confirmada", "La asistencia se puede registrar cuando la sesión haya empezado.", "4 lugares.");
        await SpanishAsync(staff.Http, $"/desk/sessions/new?locationId={branch.Id}", people, "Programar una sesión", "Inicio (fecha y hora locales)", "Escritorios de coworking que reserva (solo networking)",
            "Lugares reservados para una organización asociada");
        await SpanishAsync(staff.Http, $"/desk/sessions/{session}/edit", people, $"Editar: {title}", "Personal de la biblioteca", "cancélela");
        await SpanishAsync(staff.Http, $"/desk/sessions/{session}/cancel", people, $"Cancelar: {title}", "a 1 usuario inscrito o en espera", "Sí, cancelar la sesión");

        var partner = $"Guild{Guid.NewGuid():N}"[..14];
        var partnerId = await PartnerAsync(partner, null, null, null);
        await SpanishAsync(admin.Http, $"/admin/partners/{partnerId}", [partner], $"Editar: {partner}", "Qué ofrecen a los usuarios (público)", "Guardar");
    }

    private Task<string> SpanishAsync(HttpClient client, string url, IEnumerable<string> data, params string[] expected) =>
        SpanishPage.ShouldBeSpanishAsync(host, client, url, HttpStatusCode.OK, data, expected);

    private static string InviteOf(string html) => Invite().Match(html) is { Success: true } m ? $"<main>{m.Value}</main>" : throw new InvalidOperationException("No survey invitation on the home page.");

    private async Task SurveyAsync() => await host.InScopeAsync(async db =>
    {
        if (!await db.Surveys.AnyAsync())
        {
            db.Surveys.Add(DemoData.SkillsSurvey(host.Clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync();
        }

        return 0;
    });

    /// <summary>The survey's own words (staff write them, in one language): data to these tests.</summary>
    private Task<List<string>> SurveyTextsAsync() => host.InScopeAsync(async db =>
    {
        var survey = await db.Surveys.AsNoTracking().Include(s => s.Questions).ThenInclude(q => q.Choices).SingleAsync();
        return new[] { survey.Title, survey.Intro }
            .Concat(survey.Questions.Select(q => q.Text))
            .Concat(survey.Questions.SelectMany(q => q.Choices).Select(c => c.Text))
            .ToList();
    });

    private Task<Guid> PartnerAsync(string name, string? description, string? offers, string? website) => host.InScopeAsync(async db =>
    {
        var partner = new Domain.Partners.PartnerOrganisation(name, description, offers, website, host.Clock.GetUtcNow().UtcDateTime);
        db.Partners.Add(partner);
        await db.SaveChangesAsync();
        return partner.Id;
    });

    [GeneratedRegex("<section class=\"card\" aria-labelledby=\"survey-invite\">[\\s\\S]*?</section>")]
    private static partial Regex Invite();

    [GeneratedRegex("name=\"token\" value=\"([^\"]+)\"")]
    private static partial Regex KioskToken();
}
