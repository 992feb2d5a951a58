using System.Net;
using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Languages;

/// <summary>
/// The layout, home, resource and account pages in Spanish (issue #17): each page is fetched in English and in
/// Spanish as the person who would see it, says <c>lang="es"</c>, shows a few known Spanish sentences, and keeps no
/// sentence of its English rendering. Data (resource, branch, kind, session and person names) is excepted.
/// </summary>
public sealed class SpanishPagesATests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Visitor_HomeAndSearch_AllSpanish()
    {
        var branch = await host.BranchAsync(Zone);
        await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var closed = await host.BranchAsync(Zone, configure: l => l.SetOpeningHours([]));
        await host.ResourceAsync(closed.Id, KnownKinds.Room);
        var visitor = Client();

        await ShouldBeSpanishAsync(visitor, "/", HttpStatusCode.OK,
            "Espacios y equipos", "Buscar un espacio libre", "Todo el día (horario de apertura)", "Iniciar sesión", "en su biblioteca pública");
        await ShouldBeSpanishAsync(visitor, $"/?kind=room&where={branch.Id}&date=2026-01-20&time=10:30&duration=60", HttpStatusCode.OK,
            "1 libre", "Se le pedirá que inicie sesión.", "Ver todo el día, recurso por recurso");
        await ShouldBeSpanishAsync(visitor, $"/?kind=room&where={closed.Id}&date=2026-01-20&duration=day", HttpStatusCode.OK,
            "No hay nada libre a esa hora", "No están libres a esa hora", $"{closed.Name} está cerrada el martes, 20 de enero.");
        await ShouldBeSpanishAsync(visitor, "/?kind=nothing&where=elsewhere&date=someday&time=soon&duration=forever", HttpStatusCode.OK,
            "Revise su búsqueda", "No hay nada del tipo “nothing” para reservar.", "Esa sede no es nuestra.", "Elija por cuánto tiempo lo necesita.");
        await ShouldBeSpanishAsync(visitor, $"/?kind=room&where={branch.Id}&date=2026-01-20&time=10:30&duration=45", HttpStatusCode.OK,
            "una reserva dura de 30 minutos a 4 horas, en intervalos de 30 minutos");
        await ShouldBeSpanishAsync(visitor, $"/?kind=room&where={branch.Id}&date=2026-01-10&time=10:30&duration=60", HttpStatusCode.OK,
            "Esa hora ya pasó. Elija una fecha u hora posterior.");
    }

    [Fact]
    public async Task Visitor_KindDayAndResourcePages_AllSpanish()
    {
        var branch = await host.BranchAsync(Zone, opens: 9, closes: 17);
        var laser = await host.ResourceAsync(branch.Id, KnownKinds.LaserCutter);
        var other = await host.SignInNewAsync();
        await (await other.Http.BookAsync(laser.Id, Local(Zone, "2026-01-13T10:00"), Local(Zone, "2026-01-13T11:00"))).JsonAsync();
        var admin = await host.SignInNewAsync(Roles.Admin);
        await host.RequireAsync(laser.Id, await admin.Http.CertificationAsync()); // after the booking, which it would refuse
        var visitor = Client();

        await ShouldBeSpanishAsync(visitor, $"/kinds/laser-cutter/day?date=2026-01-13&locationId={branch.Id}", HttpStatusCode.OK,
            "martes, 13 de enero de 2026", "Libre: elija un inicio", "Día siguiente", "Reservado");
        await ShouldBeSpanishAsync(visitor, "/kinds/laser-cutter/day?date=not-a-day&locationId=nowhere", HttpStatusCode.OK,
            "Esa sede no es nuestra; se muestran todas las sedes.", "“not-a-day” no es una fecha; use yyyy-MM-dd.");
        await ShouldBeSpanishAsync(visitor, $"/resources/{laser.Id}?week=2026-01-12", HttpStatusCode.OK,
            "Semana del lunes, 12 de enero de 2026", "Certificación necesaria", "Todavía no hay ninguna capacitación programada", "Normas de reserva",
            "Cancele cuando quiera antes de registrarse", "Apuntarse a la lista de espera");
        await ShouldBeSpanishAsync(visitor, $"/resources/{laser.Id}?day=2026-01-13", HttpStatusCode.OK, "Toda la semana", "Día anterior");
        await ShouldBeSpanishAsync(visitor, $"/resources/{laser.Id}?week=1800-01-01", HttpStatusCode.BadRequest,
            "Indique una fecha entre los años 2000 y 2100.", "Mostrar esta semana");
        await ShouldBeSpanishAsync(visitor, $"/resources/{laser.Id}/sign", HttpStatusCode.OK,
            "¿Lo reservó? Escanee el código con su teléfono para registrarse", "Código QR que enlaza a");
    }

    [Fact]
    public async Task Visitor_AccountPagesAndErrors_AllSpanish()
    {
        var visitor = Client();

        await ShouldBeSpanishAsync(visitor, "/account/sign-in", HttpStatusCode.OK, "¿Olvidó su contraseña?", "Contraseña", "Cree una cuenta");
        await ShouldBeSpanishAsync(visitor, "/account/register", HttpStatusCode.OK, "Con una cuenta puede reservar equipos y salas", "Crear cuenta");
        await ShouldBeSpanishAsync(visitor, "/account/forgot-password", HttpStatusCode.OK, "Envíenme un enlace");
        await ShouldBeSpanishAsync(visitor, "/account/confirm-email", HttpStatusCode.OK, "Envíenme un enlace nuevo");
        await ShouldBeSpanishAsync(visitor, "/account/confirm-email?userId=" + Guid.NewGuid() + "&code=bad", HttpStatusCode.OK, "Este enlace de confirmación no es válido");
        await ShouldBeSpanishAsync(visitor, "/account/reset-password", HttpStatusCode.OK,
            "No se cambió la contraseña:", "Esta página necesita el enlace del correo para restablecer la contraseña.", "Pida un enlace nuevo");
        await ShouldBeSpanishAsync(visitor, "/account/denied", HttpStatusCode.OK, "No disponible para esta cuenta");
        await ShouldBeSpanishAsync(visitor, "/account/sign-out", HttpStatusCode.OK, "Cerrar sesión");
        await ShouldBeSpanishAsync(visitor, "/language", HttpStatusCode.OK, "Idioma · Language");
        await ShouldBeSpanishAsync(visitor, "/no-such-page", HttpStatusCode.NotFound, "Página no encontrada", "No hay ninguna página en esta dirección.");
    }

    [Fact]
    public async Task Visitor_RefusedForms_AnswerInSpanish()
    {
        var page = await SpanishSessionAsync();

        var (_, registered, _) = await page.SubmitAsync("/account/register", "/account/register",
            new Dictionary<string, string> { ["DisplayName"] = "Ana", ["Email"] = "not-an-address", ["Password"] = "short" });
        Assert.Contains("No se pudo crear la cuenta:", Texts(registered));
        Assert.Contains("Indique una dirección de correo electrónico, por ejemplo nombre@example.org.", Texts(registered));
        Assert.Contains("La contraseña debe tener al menos 8 caracteres.", Texts(registered));
        Assert.Contains("La contraseña debe tener al menos un dígito (del 0 al 9).", Texts(registered));
        Assert.Contains("La contraseña debe tener al menos una letra mayúscula (de la A a la Z).", Texts(registered));
        Assert.DoesNotContain("Passwords must", Texts(registered));

        var (_, signIn, _) = await page.SubmitAsync("/account/sign-in", "/account/sign-in",
            new Dictionary<string, string> { ["Email"] = "nobody@example.test", ["Password"] = "Wrong-password-1" });
        Assert.Contains("Ese correo electrónico y esa contraseña no corresponden a ninguna cuenta.", Texts(signIn));

        var (_, forgot, _) = await page.SubmitAsync("/account/forgot-password", "/account/forgot-password", new Dictionary<string, string> { ["Email"] = "nobody" });
        Assert.Contains("Indique la dirección de correo electrónico con la que se registró", Texts(forgot));

        var (_, asked, _) = await page.SubmitAsync("/account/forgot-password", "/account/forgot-password", new Dictionary<string, string> { ["Email"] = "nobody@example.test" });
        Assert.Contains("Si existe una cuenta para nobody@example.test", Texts(asked));

        var (_, reset, _) = await page.SubmitAsync("/account/reset-password?code=bad", "/account/reset-password",
            new Dictionary<string, string> { ["Email"] = "nobody@example.test", ["Code"] = "bad", ["Password"] = "Valid-pass-1" });
        Assert.Contains("Este enlace para restablecer la contraseña ya no es válido", Texts(reset));

        var (_, confirm, _) = await page.SubmitAsync("/account/confirm-email", "/account/confirm-email", new Dictionary<string, string> { ["Email"] = "x" });
        Assert.Contains("Indique la dirección de correo electrónico con la que se registró", Texts(confirm));
    }

    [Fact]
    public async Task Patron_SignedInPages_AllSpanish()
    {
        var branch = await host.BranchAsync(Zone);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var patron = await host.SignInNewAsync();
        await (await patron.Http.BookAsync(printer.Id, Local(Zone, "2026-01-12T14:00"), Local(Zone, "2026-01-12T15:00"))).JsonAsync();
        var client = Client(patron);

        await ShouldBeSpanishAsync(client, "/", HttpStatusCode.OK, "Mis reservas", "Mis certificaciones", "Mis datos", "Cerrar sesión");
        await ShouldBeSpanishAsync(client, $"/kinds/3d-printer/day?date=2026-01-12&locationId={branch.Id}", HttpStatusCode.OK, "Su reserva");
        await ShouldBeSpanishAsync(client, $"/resources/{printer.Id}?week=2026-01-12", HttpStatusCode.OK, "Su reserva");
        await ShouldBeSpanishAsync(client, $"/resources/{printer.Id}/check-in", HttpStatusCode.OK, "El registro para su reserva de las 14:00 se abre el", "Vuelva entonces.");
        await ShouldBeSpanishAsync(client, $"/resources/{Guid.NewGuid()}", HttpStatusCode.NotFound, "Página no encontrada");
        await ShouldBeSpanishAsync(client, "/account/my-data", HttpStatusCode.OK,
            "Qué guardamos y por cuánto tiempo", "Descargar mis datos", "Entiendo que cerrar mi cuenta no se puede deshacer.");
        await ShouldBeSpanishAsync(client, "/admin", HttpStatusCode.Forbidden, "No disponible para esta cuenta", "Esta página es solo para administradores.");

        var page = await SpanishSessionAsync();
        await page.SignInAsync(patron.Email, MakerspaceHost.Password);
        var (_, close, _) = await page.SubmitAsync("/account/my-data", "/account/my-data?handler=Close", new Dictionary<string, string> { ["Password"] = "wrong" });
        Assert.Contains("Marque la casilla para confirmar que entiende que el cierre no se puede deshacer.", Texts(close));
        var (_, wrong, _) = await page.SubmitAsync("/account/my-data", "/account/my-data?handler=Close", new Dictionary<string, string> { ["Password"] = "wrong", ["Understood"] = "true" });
        Assert.Contains("Escriba su contraseña actual para cerrar su cuenta.", Texts(wrong));
    }

    [Fact]
    public async Task Staff_LayoutAndDeskMenu_InSpanish()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var staff = Client(await host.SignInNewAsync(Roles.Staff));

        await ShouldBeSpanishAsync(staff, $"/resources/{room.Id}?week=2026-01-12", HttpStatusCode.OK, "Mostrador del personal", "Imprimir el letrero de registro (código QR)");
        await ShouldBeSpanishAsync(staff, "/admin", HttpStatusCode.Forbidden, "Esta página es solo para administradores. Su cuenta puede usar el mostrador del personal");

        // The desk's own page is translated elsewhere; its menu (this partial) is checked here.
        var desk = await GetAsync(staff, $"/desk?locationId={branch.Id}", "es", HttpStatusCode.OK);
        Assert.Contains("<html lang=\"es\">", desk, StringComparison.Ordinal);
        foreach (var link in new[] { "Tablero del día", "Buscar un usuario", "Bloqueos por mantenimiento", "Asistencia a sesiones", "Reservar una serie", "Programar una sesión", "Demanda", "Informes" })
        {
            Assert.Contains(link, Texts(desk));
        }
    }

    [Fact]
    public void SentenceCheck_FindsAnUntranslatedSentence()
    {
        // The check itself must be able to fail: an English sentence left in the Spanish page is found, data is not.
        var english = "<html lang=\"en\"><main><h1>Find a free space</h1><p>Room 12 Riverside</p><p>Free</p></main></html>";
        var spanish = "<html lang=\"es\"><main><h1>Find a free space</h1><p>Room 12 Riverside</p><p>Free</p></main></html>";

        Assert.Equal(new[] { "Find a free space" }, SpanishPage.Untranslated(english, spanish, new[] { "Room 12 Riverside" }));
    }

    private HttpClient Client(SignedInClient? person = null)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = person?.Http.DefaultRequestHeaders.Authorization;
        return client;
    }

    /// <summary>A cookie-keeping browser that chose Spanish with the footer's switch.</summary>
    private async Task<PageSession> SpanishSessionAsync()
    {
        var page = new PageSession(host);
        var (status, html, _) = await page.SubmitAsync("/", "/language", new Dictionary<string, string> { ["lang"] = "es", ["returnUrl"] = "/" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<html lang=\"es\">", html, StringComparison.Ordinal);
        return page;
    }

    private Task ShouldBeSpanishAsync(HttpClient client, string url, HttpStatusCode expected, params string[] sentences) =>
        SpanishPage.ShouldBeSpanishAsync(host, client, url, expected, [], sentences);

    private static Task<string> GetAsync(HttpClient client, string url, string language, HttpStatusCode expected) =>
        SpanishPage.GetInAsync(client, url, language, expected);

    private static string Texts(string html) => SpanishPage.Text(html);
}
