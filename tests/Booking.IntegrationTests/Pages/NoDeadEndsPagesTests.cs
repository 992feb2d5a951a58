using System.Net;
using System.Net.Http.Json;
using Booking.Data.Identity;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Pages;

/// <summary>
/// Every refusal and every list leads somewhere, with plain forms and no script: the waiting list from a taken time,
/// the training from a certification refusal, a cancellation confirmed first, cancelled bookings apart from past ones.
/// </summary>
public sealed class NoDeadEndsPagesTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Reserve_TakenTime_RefusalOffersTheWaitingList_JoiningPutsThePatronInLine()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var first = await host.SignInNewAsync();
        var start = Local(Zone, "2026-01-14T10:00");
        await (await first.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync();
        var patron = await host.SignInNewAsync();
        var browser = new PageSession(host);
        await browser.SignInAsync(patron.Email, MakerspaceHost.Password);
        var form = $"/reservations/new?resourceId={room.Id}&start=2026-01-14T10:00";
        var fields = new Dictionary<string, string> { ["ResourceId"] = room.Id.ToString(), ["Date"] = "2026-01-14", ["StartTime"] = "10:00", ["EndTime"] = "11:00" };

        var (_, refused, _) = await browser.SubmitAsync(form, form, fields);
        Assert.Contains("You can join the waiting list for this time.", refused);
        Assert.Contains($"action=\"/waitlist/new?resourceId={room.Id}\"", refused);
        Assert.Contains("Join the waiting list for this time</button>", refused);

        // The refusal's form posts the same times to the waiting list.
        var (_, mine, landed) = await browser.SubmitAsync(form, $"/waitlist/new?resourceId={room.Id}",
            new Dictionary<string, string> { ["Date"] = "2026-01-14", ["StartTime"] = "10:00", ["EndTime"] = "11:00" });
        Assert.Equal("/reservations/mine", landed?.AbsolutePath);
        Assert.Contains($"You are on the waiting list for {room.Name} on Wednesday, January 14, 10:00 AM–11:00 AM, number 1 in line.", WebUtility.HtmlDecode(mine));
        Assert.Contains("<h2 id=\"waiting\">Waiting lists</h2>", mine);
        var entry = await host.InScopeAsync(db => db.WaitlistEntries.AsNoTracking().SingleAsync(w => w.PatronId == patron.UserId));
        Assert.Equal(WaitlistStatus.Waiting, entry.Status);
        Assert.Equal(start.UtcDateTime, entry.StartsAtUtc);
        Assert.Equal(start.AddHours(1).UtcDateTime, entry.EndsAtUtc);

        // Leaving the line from the same list.
        var (_, left, _) = await browser.SubmitAsync("/reservations/mine", $"/reservations/mine?handler=Leave&id={entry.Id}", new Dictionary<string, string>());
        Assert.Contains("You have left the waiting list.", left);
        Assert.Equal(WaitlistStatus.Withdrawn, await host.InScopeAsync(db => db.WaitlistEntries.Where(w => w.Id == entry.Id).Select(w => w.Status).SingleAsync()));
    }

    [Fact]
    public async Task Grid_TakenCell_LinksToTheWaitingList_WhosePageOffersThatTime()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var first = await host.SignInNewAsync();
        var start = Local(Zone, "2026-01-15T14:00");
        await (await first.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync();
        var patron = await host.SignInNewAsync();
        var browser = new PageSession(host);
        await browser.SignInAsync(patron.Email, MakerspaceHost.Password);

        var grid = await browser.GetAsync($"/resources/{room.Id}?day=2026-01-15");
        Assert.Contains($"href=\"/waitlist/new?resourceId={room.Id}&amp;start=2026-01-15T14:00\" aria-label=\"Booked: join the waiting list for Thursday, January 15, 2:00 PM\"", grid);
        Assert.DoesNotContain($"start=2026-01-15T14:00\" aria-label=\"Free", grid);

        var page = await browser.GetAsync($"/waitlist/new?resourceId={room.Id}&start=2026-01-15T14:00");
        Assert.Contains("value=\"2026-01-15\"", page);
        Assert.Contains("name=\"StartTime\" value=\"14:00\"", page);
        Assert.Contains("name=\"EndTime\" value=\"14:30\"", page); // the room's shortest booking

        // A free time is not waited for: the page says to book it, and nothing is written.
        var (status, free, _) = await browser.SubmitAsync($"/waitlist/new?resourceId={room.Id}&start=2026-01-15T16:00", $"/waitlist/new?resourceId={room.Id}",
            new Dictionary<string, string> { ["Date"] = "2026-01-15", ["StartTime"] = "16:00", ["EndTime"] = "17:00" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("That time is free: book it instead of waiting.", free);
        Assert.False(await host.InScopeAsync(db => db.WaitlistEntries.AnyAsync(w => w.PatronId == patron.UserId)));
    }

    [Fact]
    public async Task WaitlistPage_UnknownResource_NotFound_Anonymous_SentToSignIn()
    {
        var patron = await host.SignInNewAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await patron.Http.GetAsync($"/waitlist/new?resourceId={Guid.NewGuid()}")).StatusCode);

        var anonymous = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await anonymous.GetAsync($"/waitlist/new?resourceId={Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/sign-in", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reserve_WithoutTheCertification_RefusalLinksTheNextTraining()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var branch = await host.BranchAsync(Zone);
        var cutter = await host.ResourceAsync(branch.Id, KnownKinds.LaserCutter);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var safety = await admin.Http.CertificationAsync();
        await host.RequireAsync(cutter.Id, safety);
        var training = (await staff.Http.TrainingAsync(room.Id, safety, Local(Zone, "2026-01-13T18:00"), title: "Cutter safety evening")).GetProperty("id").GetGuid();
        var patron = await host.SignInNewAsync();
        var browser = new PageSession(host);
        await browser.SignInAsync(patron.Email, MakerspaceHost.Password);
        var form = $"/reservations/new?resourceId={cutter.Id}&start=2026-01-15T10:00";

        var (_, refused, _) = await browser.SubmitAsync(form, form, new Dictionary<string, string>
        {
            ["ResourceId"] = cutter.Id.ToString(),
            ["Date"] = "2026-01-15",
            ["StartTime"] = "10:00",
            ["EndTime"] = "10:30",
        });

        Assert.Contains("This time cannot be reserved", refused);
        Assert.Contains($"<a href=\"/sessions/{training}\">Cutter safety evening", refused);
        Assert.DoesNotContain("Join the waiting list", refused); // waiting would not help
    }

    [Fact]
    public async Task CancelPage_SomeoneElsesReservation_NotFound_NothingChanged()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var owner = await host.SignInNewAsync();
        var start = Local(Zone, "2026-01-16T10:00");
        var id = (await (await owner.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
        var stranger = await host.SignInNewAsync();
        var browser = new PageSession(host);
        await browser.SignInAsync(stranger.Email, MakerspaceHost.Password);

        await browser.GetAsync($"/reservations/{id}/cancel", HttpStatusCode.NotFound);
        var (status, _, _) = await browser.SubmitAsync("/reservations/mine", $"/reservations/{id}/cancel", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(ReservationStatus.Confirmed, await host.InScopeAsync(db => db.Reservations.Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task MyReservations_CancelledForTomorrow_InItsOwnPlaceNotPast_CheckInOpensWithItsDate()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var tomorrow = Local(Zone, "2026-01-13T10:00");
        var cancelled = (await (await patron.Http.BookAsync(room.Id, tomorrow, tomorrow.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
        (await patron.Http.PostAsJsonAsync($"/api/v1/reservations/{cancelled}/cancel", new { })).EnsureSuccessStatusCode();
        var kept = Local(Zone, "2026-01-13T15:00");
        await (await patron.Http.BookAsync(room.Id, kept, kept.AddHours(1))).JsonAsync();
        var browser = new PageSession(host);
        await browser.SignInAsync(patron.Email, MakerspaceHost.Password);

        var html = await browser.GetAsync("/reservations/mine");

        var upcoming = Section(html, "<h2>Upcoming</h2>");
        var cancelledSection = Section(html, "<h2>Cancelled</h2>");
        var past = Section(html, "<h2>Past</h2>");
        Assert.Contains("Tuesday, January 13, 3:00 PM", upcoming);
        Assert.Contains("Check-in opens on Tue, Jan 13 at 2:45 PM.", upcoming); // information, with its date
        Assert.Contains("Tuesday, January 13, 10:00 AM", cancelledSection);
        Assert.Contains("badge-cancelled", cancelledSection);
        Assert.Contains("No past reservations.", past);
        Assert.DoesNotContain($"/reservations/{cancelled}/cancel", html); // nothing left to cancel
    }

    /// <summary>The HTML from <paramref name="heading"/> to the next second-level heading.</summary>
    private static string Section(string html, string heading)
    {
        var start = html.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"No {heading} on the page");
        var end = html.IndexOf("<h2", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? html[start..] : html[start..end];
    }
}
