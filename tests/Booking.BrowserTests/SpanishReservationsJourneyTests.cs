using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.BrowserTests;

/// <summary>
/// Issue #17's journey in Spanish: a patron switches the site to Spanish, is refused a taken time on the booking form,
/// joins its waiting list from the refusal, reserves a free time, reads My reservations and cancels through the
/// confirmation page; every page in Spanish, axe-clean, at 1280 and 360 px.
/// </summary>
public sealed class SpanishReservationsJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Patron_InSpanish_RefusedWaitsBooksSeesAndCancels()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var first = await host.SignInNewAsync();
        var taken = Local(Zone, "2026-01-14T10:00");
        await (await first.Http.BookAsync(room.Id, taken, taken.AddHours(1))).JsonAsync();
        var patron = await host.SignInNewAsync();
        var page = await host.NewPageAsync();
        await new SignInPage(page).SignInAsync(patron.Email, MakerspaceHost.Password);
        await page.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Button, new() { Name = "Español" }).ClickAsync();
        await page.ArriveAtAsync("/");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");

        // Refused: the time is taken; the refusal offers its waiting list.
        await page.GotoAsync($"/reservations/new?resourceId={room.Id}&start=2026-01-14T10:00");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Reservar {room.Name}", Level = 1 })).ToBeVisibleAsync();
        await page.ShouldBeAccessibleAsync();
        await page.GetByLabel("Hora de fin").FillAsync("11:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reservar", Exact = true }).ClickAsync();
        var refusal = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(refusal.GetByRole(AriaRole.Heading, new() { Name = "Este horario no se puede reservar" })).ToBeVisibleAsync();
        await Assertions.Expect(refusal.GetByRole(AriaRole.Link, new() { Name = $"Ver cuándo está libre {room.Name}" })).ToBeVisibleAsync();
        await ShouldBeSpanishAndAccessibleAsync(page, "spanish-booking-refused");

        await refusal.GetByRole(AriaRole.Button, new() { Name = "Unirse a la lista de espera para este horario" }).ClickAsync();
        await page.ArriveAtAsync("/reservations/mine");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Está en la lista de espera de {room.Name} para el miércoles, 14 de enero, 10:00–11:00, en el lugar número 1.");
        await Assertions.Expect(new MyReservationsPage(page).Item(room.Name)).ToContainTextAsync("en espera, número 1");
        Assert.Equal(WaitlistStatus.Waiting, await host.InScopeAsync(db => db.WaitlistEntries.Where(w => w.PatronId == patron.UserId).Select(w => w.Status).SingleAsync()));

        // A free time the same day: reserved, and listed.
        await page.GotoAsync($"/reservations/new?resourceId={room.Id}&start=2026-01-14T14:00");
        await page.GetByLabel("Hora de fin").FillAsync("15:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reservar", Exact = true }).ClickAsync();
        await page.ArriveAtAsync("/reservations/mine");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Reservó {room.Name} para el miércoles, 14 de enero, 14:00–15:00.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Próximas" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Listas de espera" })).ToBeVisibleAsync();
        var booked = page.Locator(".reservation-list li", new() { HasText = "confirmada" }).Filter(new() { HasText = room.Name });
        await Assertions.Expect(booked).ToContainTextAsync("El registro de llegada abre el");
        await Assertions.Expect(booked).ToContainTextAsync("a las 13:45.");
        await ShouldBeSpanishAndAccessibleAsync(page, "spanish-my-reservations");

        // Cancel, asked first.
        var id = await host.InScopeAsync(db => db.Reservations.Where(r => r.PatronId == patron.UserId).Select(r => r.Id).SingleAsync());
        await booked.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Cancelar ") }).ClickAsync();
        await page.ArriveAtAsync($"/reservations/{id}/cancel");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "¿Cancelar esta reserva?", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("El horario queda libre para otras personas de inmediato");
        await ShouldBeSpanishAndAccessibleAsync(page, "spanish-cancel-confirmation");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sí, cancelarla" }).ClickAsync();
        await page.ArriveAtAsync("/reservations/mine");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Reserva cancelada.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Canceladas" })).ToBeVisibleAsync();
        Assert.Equal(ReservationStatus.Cancelled, await host.InScopeAsync(db => db.Reservations.Where(r => r.PatronId == patron.UserId).Select(r => r.Status).SingleAsync()));
        await ShouldBeSpanishAndAccessibleAsync(page, "spanish-my-reservations-cancelled");
    }

    /// <summary>Spanish, axe-clean and screenshotted at a desk's width and a phone's, then back to the desk's.</summary>
    private static async Task ShouldBeSpanishAndAccessibleAsync(IPage page, string name)
    {
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync(name);
        await page.SetViewportSizeAsync(360, 740);
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync($"{name}-360px");
        await page.SetViewportSizeAsync(1280, 900);
    }
}
