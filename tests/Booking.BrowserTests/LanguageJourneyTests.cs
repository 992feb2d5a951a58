using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.BrowserTests;

/// <summary>
/// The language switch in the footer: a signed-in patron chooses Spanish, the page says so in its <c>lang</c>, the
/// choice is saved on the account, and My reservations lists their sessions (1280 and 360 px, axe).
/// </summary>
public sealed class LanguageJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Patron_SwitchesToSpanish_ChoiceSaved_SessionsInMyReservations()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var title = $"Taller {Guid.NewGuid():N}"[..14];
        var session = await (await staff.Http.ScheduleAsync(new { kind = "workshop", title, roomId = room.Id, start = Local(Zone, "2026-01-22T18:00"), end = Local(Zone, "2026-01-22T20:00"), capacity = 6 })).JsonAsync();
        var patron = await host.SignInNewAsync();
        Assert.True((await patron.Http.PostAsync($"/api/v1/sessions/{session.GetProperty("id").GetGuid()}/registrations", null)).IsSuccessStatusCode);
        var page = await host.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 900);

        await new SignInPage(page).SignInAsync(patron.Email, MakerspaceHost.Password);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.GotoAsync("/reservations/mine");
        await page.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Button, new() { Name = "Español" }).ClickAsync();
        await page.ArriveAtAsync("/reservations/mine");

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Español" })).ToHaveAttributeAsync("aria-current", "true");
        Assert.Equal("es", await host.InScopeAsync(db => db.Users.Where(u => u.Id == patron.UserId).Select(u => u.PreferredLanguage).SingleAsync()));
        var sessions = page.GetByRole(AriaRole.Heading, new() { Name = "Mis sesiones" });
        await Assertions.Expect(sessions).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("language-switched-my-reservations");

        await page.SetViewportSizeAsync(360, 740);
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("language-switched-my-reservations-360px");
    }

    /// <summary>The notification mail itself, as a mail program that renders HTML shows it: light and dark, desktop and phone.</summary>
    [Fact]
    [Trait(Layout.Trait, Layout.Only)]
    public async Task NotificationMail_ReadsOnAPhoneAndInDarkMode()
    {
        var location = new Domain.Locations.Location("Riverside Branch Library", Zone, "12 River Road, Springfield");
        var policy = BookingPolicy.DefaultFor(KnownKinds.LaserCutter);
        var subject = new Workflows.Reservations.BookingSubject(
            new Resource("Glowforge laser cutter", KnownKinds.LaserCutter, location.Id), new ResourceKind(KnownKinds.LaserCutter, "Laser cutters", policy), location, policy);
        var start = new DateTime(2026, 3, 3, 19, 0, 0, DateTimeKind.Utc);
        var notification = Workflows.Notifications.Notices.WaitlistOffer(Guid.NewGuid(), Guid.NewGuid(), subject, new(start, start.AddHours(1)), start.AddHours(-20), start.AddHours(-21));
        var composer = host.Services.GetRequiredService<Jobs.Mail.MailComposer>();
        var page = await host.NewPageAsync();
        foreach (var language in new[] { "en", "es" })
        {
            var mail = composer.Compose(notification, new Jobs.Mail.Recipient("ana@library.test", "Ana", language), null, start);
            await page.SetContentAsync(mail.HtmlBody!);
            foreach (var (width, scheme) in new[] { (1280, ColorScheme.Light), (360, ColorScheme.Light), (360, ColorScheme.Dark) })
            {
                await page.SetViewportSizeAsync(width, 800);
                await page.EmulateMediaAsync(new() { ColorScheme = scheme });
                Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"The {language} mail scrolls sideways at {width} px");
                await page.SaveScreenshotAsync($"mail/waitlist-offer-{language}-{width}px-{scheme.ToString().ToLowerInvariant()}");
            }
        }
    }
}
