using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.BrowserTests;

/// <summary>
/// A patron who reads Spanish: chooses it in the footer, finds a free room on the home page, opens it, reserves a
/// free time from its grid and lands on My reservations; every page says <c>lang="es"</c>, passes axe and fits a
/// 360 px phone (Spanish words are longer).
/// </summary>
public sealed class SpanishJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Patron_InSpanish_FindsARoom_OpensIt_Reserves()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var page = await host.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 900);
        await new SignInPage(page).SignInAsync(patron.Email, MakerspaceHost.Password);

        await page.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Button, new() { Name = "Español" }).ClickAsync();
        await page.ArriveAtAsync("/");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Espacios y equipos", Level = 1 })).ToBeVisibleAsync();

        await page.GetByLabel("Qué").SelectOptionAsync(KnownKinds.Room);
        await page.GetByLabel("Dónde").SelectOptionAsync(branch.Id.ToString());
        await page.GetByLabel("Fecha").FillAsync("2026-01-20");
        await page.GetByLabel("Hora de inicio").FillAsync("10:30");
        await page.GetByLabel("Duración").SelectOptionAsync("60");
        await page.GetByRole(AriaRole.Button, new() { Name = "Buscar espacios libres" }).ClickAsync();
        var results = page.Locator("#find-results");
        await Assertions.Expect(results).ToContainTextAsync("1 libre");
        await Assertions.Expect(results.Locator(".find-list")).ToContainTextAsync(room.Name);
        await Assertions.Expect(results.GetByRole(AriaRole.Button, new() { NameRegex = new("^Reservar ") })).ToBeVisibleAsync();
        await CheckAsync(page, "spanish/search-results");

        await results.GetByRole(AriaRole.Link, new() { Name = room.Name, Exact = true }).ClickAsync();
        await page.ArriveAtAsync($"/resources/{room.Id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Normas de reserva" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Semana siguiente" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Semana del lunes, 19 de enero de 2026" })).ToBeVisibleAsync();
        await CheckAsync(page, "spanish/resource-week");

        await page.GetByRole(AriaRole.Link, new() { Name = "Libre: reservar el martes, 20 de enero, 10:00", Exact = true }).ClickAsync();
        await page.ArriveAtAsync("/reservations/new");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await page.ShouldBeAccessibleAsync();
        // The booking form's own words are another page's; its one submit button is found without them.
        await page.Locator("main form.stacked button[type=submit]").ClickAsync();

        await page.ArriveAtAsync("/reservations/mine");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Assertions.Expect(page.Locator("main > p.notice[role=status]")).ToBeVisibleAsync();
        await Assertions.Expect(new MyReservationsPage(page).Item(room.Name)).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Principal" }).GetByRole(AriaRole.Link, new() { Name = "Mis reservas" }))
            .ToHaveAttributeAsync("aria-current", "page");
        var booked = await host.InScopeAsync(db => db.Reservations.AsNoTracking().SingleAsync(r => r.PatronId == patron.UserId));
        Assert.Equal(room.Id, booked.ResourceId);
        Assert.Equal(Local(Zone, "2026-01-20T10:00").UtcDateTime, booked.StartsAtUtc);
        await CheckAsync(page, "spanish/my-reservations");
    }

    /// <summary>The other translated pages a patron meets, in Spanish: accessible, and fitting a phone.</summary>
    [Fact]
    [Trait(Layout.Trait, Layout.Only)]
    public async Task SpanishPages_AccessibleAndFitAPhone()
    {
        var branch = await host.BranchAsync(Zone, opens: 9, closes: 17);
        await host.ResourceAsync(branch.Id, KnownKinds.CoworkingDesk);
        var patron = await host.SignInNewAsync();
        var page = await host.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync("/language");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Español" }).ClickAsync();
        await page.ArriveAtAsync("/"); // the switch on /language goes home

        foreach (var (path, name, heading) in new[]
        {
            ("/account/sign-in", "sign-in", "Iniciar sesión"),
            ("/account/register", "register", "Crear una cuenta"),
            ("/account/forgot-password", "forgot-password", "¿Olvidó su contraseña?"),
            ($"/kinds/coworking-desk/day?date=2026-01-20&locationId={branch.Id}", "kind-day", "Coworking desk"),
            ("/no-such-page", "not-found", "Página no encontrada"),
        })
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(heading);
            await CheckAsync(page, $"spanish/{name}");
        }

        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Correo electrónico").FillAsync(patron.Email);
        await page.GetByLabel("Contraseña").FillAsync(MakerspaceHost.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Iniciar sesión" }).ClickAsync();
        await page.ArriveAtAsync("/");
        await page.GotoAsync("/account/my-data");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sus datos");
        await CheckAsync(page, "spanish/my-data");
    }

    /// <summary>axe and a screenshot at 1280 px, then the same at 360 px with nothing wider than the screen; back to 1280 px.</summary>
    private static async Task CheckAsync(IPage page, string screenshot)
    {
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync(screenshot);
        await page.SetViewportSizeAsync(360, 740);
        await page.ShouldBeAccessibleAsync();
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        var wide = width <= 360 ? "" : await page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 360).slice(0, 5).map(e => e.tagName + '.' + e.className).join(', ')");
        Assert.True(width <= 360, $"{page.Url} is {width} px wide at a 360 px screen; too wide: {wide}");
        await page.SaveScreenshotAsync(screenshot + "-360px");
        await page.SetViewportSizeAsync(1280, 900);
    }
}
