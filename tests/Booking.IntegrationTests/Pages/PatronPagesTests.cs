using System.Net;
using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Pages;

/// <summary>The server-rendered pages, used with plain forms and no JavaScript.</summary>
public sealed class PatronPagesTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Register_ThenReserveFromGrid_ListedThenCancelled()
    {
        var branch = await host.BranchAsync(Zone);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var browser = new PageSession(host);
        var email = $"walk-in-{Guid.NewGuid():N}@example.test";
        var (status, registered, _) = await browser.SubmitAsync("/account/register", "/account/register",
            new Dictionary<string, string> { ["DisplayName"] = "Walk In", ["Email"] = email, ["Password"] = "Walk-in-pass-1" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Check your e-mail", registered);

        // The e-mailed link (its delivery is RegistrationTests' subject) confirms the address; then sign-in works.
        var (userId, code) = await host.ConfirmationLinkAsync(email);
        Assert.Contains("Your e-mail address is confirmed", await browser.GetAsync($"/account/confirm-email?userId={userId}&code={code}"));
        await browser.SignInAsync(email, "Walk-in-pass-1");

        var grid = await browser.GetAsync($"/resources/{printer.Id}?week=2026-01-12");
        Assert.Contains("Week of Monday, January 12, 2026", grid);
        Assert.Contains($"/reservations/new?resourceId={printer.Id}&amp;start=2026-01-13T10:00", grid);

        var form = $"/reservations/new?resourceId={printer.Id}&start=2026-01-13T10:00";
        var (_, mine, landed) = await browser.SubmitAsync(form, form, new Dictionary<string, string>
        {
            ["ResourceId"] = printer.Id.ToString(),
            ["Date"] = "2026-01-13",
            ["StartTime"] = "10:00",
            ["EndTime"] = "11:00",
        });
        Assert.Equal("/reservations/mine", landed?.AbsolutePath);
        Assert.Contains("Reserved", mine);
        Assert.Contains(printer.Name, mine);
        var id = await host.InScopeAsync(db => db.Reservations.Where(r => r.ResourceId == printer.Id).Select(r => r.Id).SingleAsync());

        // Cancelling asks first: the list links to a confirmation page, which cancels only when its form is sent.
        Assert.Contains($"href=\"/reservations/{id}/cancel\"", mine);
        var confirm = await browser.GetAsync($"/reservations/{id}/cancel");
        Assert.Contains("Cancel this reservation?", confirm);
        Assert.Equal(Domain.Reservations.ReservationStatus.Confirmed, await host.InScopeAsync(db => db.Reservations.Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));
        var (_, afterCancel, _) = await browser.SubmitAsync($"/reservations/{id}/cancel", $"/reservations/{id}/cancel", new Dictionary<string, string>());
        Assert.Contains("Cancelled.", afterCancel);
        Assert.Equal(Domain.Reservations.ReservationStatus.Cancelled, await host.InScopeAsync(db => db.Reservations.Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task Grid_DayView_OneDaysColumn_WithPagingBackToTheWeek()
    {
        var branch = await host.BranchAsync(Zone);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var browser = new PageSession(host);

        var week = await browser.GetAsync($"/resources/{printer.Id}?week=2026-01-12");
        Assert.Contains("href=\"?day=2026-01-13\"", week);

        var day = await browser.GetAsync($"/resources/{printer.Id}?day=2026-01-13");
        Assert.Contains("Tuesday, January 13, 2026", day);
        Assert.DoesNotContain("Week of", day);
        Assert.Contains($"/reservations/new?resourceId={printer.Id}&amp;start=2026-01-13T10:00", day);
        Assert.DoesNotContain("start=2026-01-14T", day);
        Assert.DoesNotContain("start=2026-01-12T", day);
        Assert.Contains("href=\"?day=2026-01-12\">Previous day", day);
        Assert.Contains("href=\"?day=2026-01-14\">Next day", day);
        Assert.Contains("href=\"?week=2026-01-12\">Whole week", day);
    }

    [Fact]
    public async Task Reserve_TakenTime_ReasonShownBesideTheFormNothingWritten()
    {
        var branch = await host.BranchAsync(Zone);
        var cutter = await host.ResourceAsync(branch.Id, KnownKinds.LaserCutter);
        var first = await host.SignInNewAsync();
        var start = Local(Zone, "2026-01-13T10:00");
        await (await first.Http.BookAsync(cutter.Id, start, start.AddHours(1))).JsonAsync();
        var patron = await host.SignInNewAsync();
        var browser = new PageSession(host);
        await browser.SignInAsync(patron.Email, MakerspaceHost.Password);

        var form = $"/reservations/new?resourceId={cutter.Id}&start=2026-01-13T10:30";
        var (status, html, _) = await browser.SubmitAsync(form, form, new Dictionary<string, string>
        {
            ["ResourceId"] = cutter.Id.ToString(),
            ["Date"] = "2026-01-13",
            ["StartTime"] = "10:30",
            ["EndTime"] = "11:00",
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("This time cannot be reserved", html);
        Assert.Contains("already booked from 10:00 AM to 11:15 AM", html);
        Assert.Equal(0, await host.InScopeAsync(db => db.Reservations.CountAsync(r => r.PatronId == patron.UserId)));
    }

    [Fact]
    public async Task Desk_StaffHandOverAndTakeBackLaptop()
    {
        var branch = await host.BranchAsync(Zone, opens: 6);
        var laptop = await host.ResourceAsync(branch.Id, KnownKinds.Laptop);
        var patron = await host.SignInNewAsync();
        var start = Local(Zone, "2026-01-12T07:00"); // now: the hand-over window is open
        var id = (await (await patron.Http.BookAsync(laptop.Id, start, start.AddHours(3))).JsonAsync()).GetProperty("id").GetGuid();
        var staff = await host.SignInNewAsync(Roles.Staff);
        var desk = new PageSession(host);
        await desk.SignInAsync(staff.Email, MakerspaceHost.Password);

        var board = await desk.GetAsync($"/desk?locationId={branch.Id}&date=2026-01-12");
        Assert.Contains($"<a href=\"/desk/patrons/{patron.UserId}\">{patron.Email.Split('@')[0]}</a>", board); // the name, linking to their page
        Assert.DoesNotContain(patron.Email, board);
        Assert.Contains("Hand over", board);

        var page = $"/desk?locationId={branch.Id}&date=2026-01-12";
        var (_, handedOver, _) = await desk.SubmitAsync(page, $"/desk?handler=CheckIn&id={id}&locationId={branch.Id}&date=2026-01-12", new Dictionary<string, string>());
        Assert.Contains("Handed over. Due back by Mon, Jan 12 at 10:00 AM.", handedOver);
        Assert.DoesNotContain("Checked in.", handedOver);
        Assert.Contains("Take back", handedOver);
        var (_, returned, _) = await desk.SubmitAsync(page, $"/desk?handler=Complete&id={id}&locationId={branch.Id}&date=2026-01-12", new Dictionary<string, string>());
        Assert.Contains("Returned. The laptop is back.", returned);
        Assert.Equal(Domain.Reservations.ReservationStatus.Completed, await host.InScopeAsync(db => db.Reservations.Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task Desk_Patron_DeniedAndAnonymousSentToSignIn()
    {
        var patron = await host.SignInNewAsync();
        var browser = new PageSession(host);
        await browser.SignInAsync(patron.Email, MakerspaceHost.Password);
        Assert.Contains("Not for this account", await browser.GetAsync("/desk", HttpStatusCode.Forbidden));

        var anonymous = new PageSession(host);
        Assert.Contains("<h1>Sign in</h1>", await anonymous.GetAsync("/desk"));
    }
}
