using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Booking.Data.Identity;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Booking.Jobs.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.BrowserTests;

/// <summary>
/// The patron's own journeys: QR self check-in (journey 4), sessions and certifications with JavaScript
/// off, a forgotten password, and the new pages on a 360 px phone. The clock stays at the host's start
/// (Monday 12 January, 07:00 in New York) throughout this class; nothing here moves it.
/// </summary>
[Trait(Layout.Trait, BothDatabases.Value)]
public sealed partial class PatronJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Patron_ChecksInThroughQrUrl_InsideWindow_RefusedOutsideIt()
    {
        var branch = await host.BranchAsync(Zone, opens: 6);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room); // check-in opens 15 minutes before the start
        var patron = await host.SignInNewAsync();
        var now = Local(Zone, "2026-01-12T07:00");
        var dueNow = (await (await patron.Http.BookAsync(room.Id, now, now.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
        var later = (await (await patron.Http.BookAsync(room.Id, now.AddHours(4), now.AddHours(5))).JsonAsync()).GetProperty("id").GetGuid();
        var page = await host.NewPageAsync();

        // Scanned while signed out: sign in, and the code's address opens again.
        var qr = new QrCheckInPage(page);
        var checkInUrl = await qr.OpenFromSignAsync(room.Id);
        await qr.SignInAsync(patron.Email, MakerspaceHost.Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Your reservation: Monday, January 12, 7:00 AM");
        await qr.CheckInButton.ClickAsync();
        await page.ArriveAtAsync("/reservations/mine");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Checked in. Enjoy!");
        await Assertions.Expect(new MyReservationsPage(page).Item(room.Name).First).ToContainTextAsync("Status: checked in");
        await page.ShouldBeAccessibleAsync();
        Assert.Equal(ReservationStatus.CheckedIn, await host.InScopeAsync(db => db.Reservations.Where(r => r.Id == dueNow).Select(r => r.Status).SingleAsync()));

        // The same code for the 11:00 reservation, four hours early: refused, with when to come back.
        await page.GotoAsync(checkInUrl);
        await page.ShouldBeAccessibleAsync();
        await Assertions.Expect(qr.NotYet).ToHaveTextAsync("Check-in for your reservation at 11:00 AM opens on Mon, Jan 12 at 10:45 AM. Come back then.");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0); // information, not an error
        await Assertions.Expect(qr.CheckInButton).ToHaveCountAsync(0);
        Assert.Equal(ReservationStatus.Confirmed, await host.InScopeAsync(db => db.Reservations.Where(r => r.Id == later).Select(r => r.Status).SingleAsync()));
        await page.SaveScreenshotAsync("patron-qr-check-in");
    }

    [Fact]
    public async Task Patron_WithoutJavaScript_RegistersForTraining_FromMyCertifications_ThenHoldsIt()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var branch = await host.BranchAsync(Zone);
        var cutter = await host.ResourceAsync(branch.Id, KnownKinds.LaserCutter);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var certificationName = $"Laser {Guid.NewGuid():N}"[..16];
        var certification = await admin.Http.CertificationAsync(certificationName);
        await host.RequireAsync(cutter.Id, certification);
        var title = $"Laser safety {Guid.NewGuid():N}"[..20];
        await staff.Http.TrainingAsync(room.Id, certification, Local(Zone, "2026-01-20T18:00"), capacity: 1, title: title);
        var patron = await host.SignInNewAsync();
        var page = await host.NewPageAsync(javaScript: false);

        await new SignInPage(page).SignInAsync(patron.Email, MakerspaceHost.Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "My certifications" }).ClickAsync();
        var certifications = new MyCertificationsPage(page);
        await Assertions.Expect(certifications.Held).ToContainTextAsync("You have no certifications yet");
        await Assertions.Expect(certifications.Needed).ToContainTextAsync(certificationName);
        await Assertions.Expect(certifications.Needed).ToContainTextAsync($"Needed for: {cutter.Name}");

        // The next training is one link away; registering takes the only place.
        await certifications.Needed.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(Regex.Escape(title)) }).ClickAsync();
        var session = new SessionsPage(page);
        await page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 }).WaitForAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("1 place left of 1");
        await session.PressAsync("Register");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"You are registered for {title}.");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Full: all 1 taken, 0 on the waiting list");

        await page.GetByRole(AriaRole.Link, new() { Name = "Sessions", Exact = true }).ClickAsync();
        await Assertions.Expect(session.Item(title)).ToContainTextAsync("You are registered.");
        await Assertions.Expect(session.Item(title)).ToContainTextAsync($"Grants {certificationName}");

        // Someone else finds it full and joins the waiting list, then changes their mind.
        var other = await host.SignInNewAsync();
        var otherPage = await host.NewPageAsync(javaScript: false);
        await new SignInPage(otherPage).SignInAsync(other.Email, MakerspaceHost.Password);
        var otherSessions = new SessionsPage(otherPage);
        await otherSessions.OpenAsync("training");
        await otherSessions.OpenSessionAsync(title);
        await otherSessions.PressAsync("Join waiting list");
        await Assertions.Expect(otherPage.GetByRole(AriaRole.Status)).ToContainTextAsync("number 1 in line");
        await otherSessions.PressAsync("Cancel my registration");
        await Assertions.Expect(otherPage.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Your registration for {title} is cancelled.");
        await Assertions.Expect(otherPage.GetByRole(AriaRole.Button, new() { Name = "Join waiting list" })).ToBeVisibleAsync();

        // Staff certify the patron (as a pass at the training would); the page now shows it held, with its expiry.
        (await staff.Http.GrantAsync(patron.UserId, certification)).EnsureSuccessStatusCode();
        await certifications.OpenAsync();
        await Assertions.Expect(certifications.Held).ToContainTextAsync(certificationName);
        await Assertions.Expect(certifications.Held).ToContainTextAsync("Valid until Tuesday, January 12, 2027.");
        await Assertions.Expect(certifications.Needed).Not.ToContainTextAsync(certificationName);
        await page.SaveScreenshotAsync("patron-sessions-and-certifications-no-js");
    }

    [Fact]
    public async Task Patron_ForgetsPassword_SetsANewOneFromTheMailedLink()
    {
        var patron = await host.SignInNewAsync();
        var page = await host.NewPageAsync();
        var forgot = new ForgotPasswordPage(page);
        await forgot.AskForLinkAsync(patron.Email);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("If an account exists for");

        var link = await PickupMail.LinkAsync(host, patron.Email, "Reset your makerspace password");

        await forgot.SetNewPasswordAsync(link, "Fresh-start-pass-9");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your password is changed. Sign in with the new one.");
        await new SignInPage(page).SignInAsync(patron.Email, "Fresh-start-pass-9");
        await page.SaveScreenshotAsync("patron-forgotten-password");
    }

    [Fact]
    [Trait(Layout.Trait, Layout.Only)]
    public async Task PatronPages_At360PixelsWide_DoNotScrollSideways()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var certification = await admin.Http.CertificationAsync();
        await host.RequireAsync(printer.Id, certification);
        var partner = (await (await admin.Http.PostAsJsonAsync("/api/v1/partners", new { name = "Community Tech Task Force" })).JsonAsync()).GetProperty("id").GetGuid();
        var session = await (await staff.Http.ScheduleAsync(new
        {
            kind = "workshop",
            title = "Build a website for your small business",
            roomId = room.Id,
            start = Local(Zone, "2026-01-21T18:00"),
            end = Local(Zone, "2026-01-21T20:00"),
            capacity = 12,
            partnerId = partner,
        })).JsonAsync();
        await staff.Http.TrainingAsync(room.Id, certification, Local(Zone, "2026-01-22T18:00"), title: "3D printer basics");
        var patron = await host.SignInNewAsync(email: $"a-rather-long-address-{Guid.NewGuid():N}@example.test");
        (await staff.Http.GrantAsync(patron.UserId, await admin.Http.CertificationAsync(), DateTimeOffset.Parse("2026-01-20T00:00Z", System.Globalization.CultureInfo.InvariantCulture))).EnsureSuccessStatusCode();
        var start = Local(Zone, "2026-01-23T10:00");
        await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync();
        var page = await host.NewPageAsync();
        await page.SetViewportSizeAsync(360, 740);

        await new SignInPage(page).SignInAsync(patron.Email, MakerspaceHost.Password);
        await ShouldFitAsync(page);
        await page.GotoAsync("/reservations/mine");
        await page.GetByRole(AriaRole.Button, new() { Name = "Get my calendar address" }).ClickAsync();
        await page.GetByLabel("Your private calendar address").WaitForAsync();
        var pages = new[] { "/", $"/resources/{room.Id}?day=2026-01-23", $"/resources/{room.Id}?week=2026-01-19", "/reservations/mine", "/certifications/mine", "/sessions", $"/sessions/{session.GetProperty("id").GetGuid()}", "/account/forgot-password", "/account/reset-password?email=x%40example.test&code=abc",
            "/account/register", "/account/confirm-email", $"/account/confirm-email?userId={Guid.NewGuid()}&code=abc" };
        foreach (var path in pages)
        {
            await page.GotoAsync(path);
            await page.ShouldBeAccessibleAsync();
            await ShouldFitAsync(page);
        }

        await page.GotoAsync("/account/forgot-password");
        await page.GetByLabel("E-mail").FillAsync(patron.Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me a link" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).WaitForAsync();
        await page.ShouldBeAccessibleAsync();
        await ShouldFitAsync(page);
        await page.SaveScreenshotAsync("patron-pages-360px");
    }

    private static async Task ShouldFitAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        if (width > 360)
        {
            // Name the culprits, so a failure says where to look: the elements whose right edge passes the viewport.
            var wide = await page.EvaluateAsync<string>("""
                [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 360.5)
                  .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).trim().replace(/\s+/g, '.') : '') + ' ' + Math.round(e.getBoundingClientRect().right) + 'px').join(', ')
                """);
            Assert.Fail($"{page.Url} is {width} px wide at a 360 px viewport: it scrolls sideways ({wide}).");
        }
    }

}
