using System.Net.Http.Json;
using Booking.Data.Identity;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.BrowserTests;

/// <summary>
/// Journey 1: a new patron is refused the laser cutter for want of a certification, staff certify them
/// at the desk, and the patron then reserves it and cancels. A host of its own, so its days are its own.
/// </summary>
public sealed class CertificationJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task NewPatron_RefusedLaserCutter_StaffCertify_ThenReservesAndCancels()
    {
        var branch = await host.BranchAsync(Zone);
        var cutter = await host.ResourceAsync(branch.Id, KnownKinds.LaserCutter);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var admin = await host.SignInNewAsync(Roles.Admin);
        var safetyId = (await (await admin.Http.PostAsJsonAsync("/api/v1/certifications",
            new { name = "Laser cutter safety", description = "Hands-on safety for the laser cutter", validityMonths = 12 })).JsonAsync()).GetProperty("id").GetGuid();
        await host.InScopeAsync(async db =>
        {
            (await db.Resources.FindAsync(cutter.Id))!.RequireCertifications([safetyId]);
            return await db.SaveChangesAsync();
        });
        var staff = await host.SignInNewAsync(Roles.Staff);
        var training = Local(Zone, "2026-01-13T18:00");
        await (await staff.Http.PostAsJsonAsync("/api/v1/sessions", new
        {
            kind = "training",
            title = "Laser cutter safety",
            roomId = room.Id,
            start = training,
            end = training.AddMinutes(90),
            capacity = 8,
            certificationId = safetyId,
        })).JsonAsync();

        // A new patron registers and asks for the laser cutter: refused, with the certification and the next training named.
        var email = $"new-maker-{Guid.NewGuid():N}@example.test";
        var patronPage = await host.NewPageAsync();
        await new RegisterAccountPage(patronPage, host).RegisterAsync("Nova Maker", email, "New-maker-pass-1");
        var grid = new ResourcePage(patronPage);
        await grid.OpenAsync(cutter.Id, "2026-01-12");
        await grid.ChooseFreeAsync("Thursday, January 15, 10:00 AM");
        var form = patronPage.Url;
        await new ReservePage(patronPage).ReserveUntilAsync("10:30");
        var refusal = patronPage.GetByRole(AriaRole.Alert);
        await Assertions.Expect(refusal).ToContainTextAsync("This time cannot be reserved");
        await Assertions.Expect(refusal).ToContainTextAsync("Laser cutter safety is required: next training Tue, Jan 13, 6:00 PM.");
        await patronPage.ShouldBeAccessibleAsync();
        Assert.Equal(0, await host.InScopeAsync(db => db.Reservations.CountAsync(r => r.ResourceId == cutter.Id)));

        // A staff member, in another browser, finds the patron at the desk and certifies them.
        var deskPage = await host.NewPageAsync();
        await new SignInPage(deskPage).SignInAsync(staff.Email, MakerspaceHost.Password);
        var search = new FindPatronPage(deskPage);
        await search.FindAsync("nova");
        await search.OpenAsync("Nova Maker");
        var patron = new DeskPatronPage(deskPage);
        await patron.GrantAsync("Laser cutter safety");
        await Assertions.Expect(deskPage.GetByRole(AriaRole.Status)).ToContainTextAsync("Granted Laser cutter safety, valid until Tuesday, January 12, 2027.");
        await Assertions.Expect(patron.Certification("Laser cutter safety")).ToContainTextAsync("valid");

        // The patron tries again: reserved, listed in My reservations, then cancelled.
        await patronPage.GotoAsync(form);
        await new ReservePage(patronPage).ReserveUntilAsync("10:30");
        await patronPage.ArriveAtAsync("/reservations/mine");
        await patronPage.ShouldBeAccessibleAsync();
        var mine = new MyReservationsPage(patronPage);
        await Assertions.Expect(mine.Item(cutter.Name)).ToContainTextAsync("Thursday, January 15, 10:00 AM");
        await Assertions.Expect(mine.Item(cutter.Name)).ToContainTextAsync("Status: confirmed");
        await mine.CancelAsync(cutter.Name);
        await patronPage.ShouldBeAccessibleAsync();
        await Assertions.Expect(patronPage.GetByRole(AriaRole.Status)).ToHaveTextAsync("Cancelled.");
        Assert.Equal(ReservationStatus.Cancelled, await host.InScopeAsync(db => db.Reservations.Where(r => r.ResourceId == cutter.Id).Select(r => r.Status).SingleAsync()));
        await patronPage.SaveScreenshotAsync("new-patron-certified-reserves-and-cancels");
    }

    /// <summary>
    /// The desk pages the journey does not visit, at a phone's width: maintenance, sessions and
    /// attendance, booking on a patron's behalf. Moves the clock to this morning's session, before
    /// any day the journey uses.
    /// </summary>
    [Fact]
    [Trait(Layout.Trait, Layout.Only)]
    public async Task DeskPages_AtPhoneWidth_AccessibleWithoutSidewaysScrolling()
    {
        var branch = await host.BranchAsync(Zone, opens: 6);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        var start = Local(Zone, "2026-01-12T07:30"); // half an hour after the host clock's start
        var session = (await (await staff.Http.PostAsJsonAsync("/api/v1/sessions", new
        {
            kind = "workshop",
            title = "Soldering basics",
            roomId = room.Id,
            start,
            end = start.AddHours(1),
            capacity = 6,
        })).JsonAsync()).GetProperty("id").GetGuid();
        await (await patron.Http.PostAsync($"/api/v1/sessions/{session}/registrations", null)).JsonAsync();
        host.Clock.MoveTo(start.AddMinutes(5));

        var page = await host.NewPageAsync();
        await page.SetViewportSizeAsync(360, 800);
        await new SignInPage(page).SignInAsync(staff.Email, MakerspaceHost.Password);
        await new DeskPage(page).OpenAsync(branch.Id, "2026-01-12");
        await FitsAsync(page);

        var maintenance = new MaintenancePage(page);
        await maintenance.OpenAsync(branch.Id);
        await maintenance.BlockAsync(printer.Name, "2026-01-16T12:00", "2026-01-16T09:00", "Nozzle replacement");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The end must be after the start.");
        await maintenance.BlockAsync(printer.Name, "2026-01-16T09:00", "2026-01-16T12:00", "Nozzle replacement");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("No reservations collided.");
        await Assertions.Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Nozzle replacement" })).ToContainTextAsync("Fri, Jan 16, 9:00 AM");
        await FitsAsync(page);

        var sessions = new DeskSessionsPage(page);
        await sessions.OpenAsync(branch.Id);
        await sessions.OpenSessionAsync("Soldering basics");
        var name = patron.Email.Split('@')[0];
        await sessions.MarkAsync(name, "Did not attend");
        await Assertions.Expect(sessions.Registration(name)).ToContainTextAsync("did not attend");
        await FitsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 }).WaitForAsync();
        await page.ShouldBeAccessibleAsync();
        var desk = new DeskPatronPage(page);
        await desk.BookAsync(printer.Name, "2026-01-16", "13:00", "14:00");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Booked {printer.Name} on Fri, Jan 16, 1:00 PM–2:00 PM for the patron.");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Upcoming reservations" })).ToContainTextAsync(printer.Name);
        await FitsAsync(page);
        await page.SaveScreenshotAsync("staff-desk-at-phone-width");
    }

    /// <summary>Nothing wider than the phone's screen (WCAG 1.4.10 reflow).</summary>
    private static async Task FitsAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var wide = width <= 360 ? "" : await page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 360).slice(0, 5).map(e => e.tagName + '.' + e.className).join(', ')");
        Assert.True(width <= 360, $"{page.Url} is {width} px wide at a 360 px viewport; too wide: {wide}");
    }
}
