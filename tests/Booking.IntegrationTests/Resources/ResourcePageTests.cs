using System.Text.RegularExpressions;
using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Resources;

/// <summary>
/// A resource's page reads well: its booking rules in words, the certification it needs with the next training,
/// the week grid opening on a week with free time, booked time as calm blocks, and the reader's own booking as theirs.
/// </summary>
public sealed partial class ResourcePageTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Rules_KindPolicyWithResourceOverride_InWords()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room, new PolicyOverride { MaxDurationMinutes = 60 });

        var html = await new PageSession(host).GetAsync($"/resources/{room.Id}");

        Assert.Contains("Book it for 30 min to 1 hour at a time, in steps of 30 min.", html);
        Assert.Contains("Book up to 30 days ahead, up to the moment you start.", html);
        Assert.Contains("15 min are kept free after each booking", html);
        Assert.Contains("Each patron may have up to 4 upcoming bookings and 10 hours a week of room bookings.", html);
        Assert.Contains("Check in from 15 min before your start; if you have not checked in 15 min after it, the time is given to others.", html);
        Assert.Contains("Cancel any time before you check in", html);
    }

    [Fact]
    public async Task Certification_NextTrainingLinked_ThenHeldOnceGranted()
    {
        var branch = await host.BranchAsync(Zone);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var certification = await admin.Http.CertificationAsync("Printer basics");
        await host.RequireAsync(printer.Id, certification);
        var training = await staff.Http.TrainingAsync(room.Id, certification, Local(Zone, "2026-01-20T18:00"), title: "Printer basics evening");
        var patron = await host.SignInNewAsync();
        var browser = new PageSession(host);
        await browser.SignInAsync(patron.Email, MakerspaceHost.Password);

        var html = await browser.GetAsync($"/resources/{printer.Id}");

        Assert.Contains("Certification needed", html);
        Assert.Contains($"href=\"/sessions/{training.GetProperty("id").GetGuid()}\">Printer basics evening, Tue, Jan 20 at 6:00 PM</a>", html);
        Assert.DoesNotContain("You have it", html);

        (await staff.Http.GrantAsync(patron.UserId, certification)).EnsureSuccessStatusCode();
        Assert.Contains("You have it", await browser.GetAsync($"/resources/{printer.Id}"));
    }

    [Fact]
    public async Task WeekGrid_CurrentWeekClosed_OpensOnNextWeekWithFreeTime()
    {
        // The test clock is Monday 12 January 2026; the branch is closed until the next Monday.
        var closed = await host.BranchAsync(Zone, configure: l => l.AddClosure(new DateTime(2026, 1, 12), new DateTime(2026, 1, 19), "Refurbishment"));
        var open = await host.BranchAsync(Zone);
        var visitor = new PageSession(host);

        var skipped = await visitor.GetAsync($"/resources/{(await host.ResourceAsync(closed.Id, KnownKinds.Room)).Id}");
        var usual = await visitor.GetAsync($"/resources/{(await host.ResourceAsync(open.Id, KnownKinds.Room)).Id}");

        Assert.Contains("Week of Monday, January 19, 2026", skipped);
        Assert.Contains("id=\"skipped-week\"", skipped);
        Assert.Contains("Week of Monday, January 12, 2026", usual);
        Assert.DoesNotContain("id=\"skipped-week\"", usual);
    }

    [Fact]
    public async Task WeekGrid_AskedForAClosedWeek_ShowsIt()
    {
        var closed = await host.BranchAsync(Zone, configure: l => l.AddClosure(new DateTime(2026, 1, 12), new DateTime(2026, 1, 19), "Refurbishment"));
        var room = await host.ResourceAsync(closed.Id, KnownKinds.Room);

        var html = await new PageSession(host).GetAsync($"/resources/{room.Id}?week=2026-01-12");

        Assert.Contains("Week of Monday, January 12, 2026", html);
        Assert.DoesNotContain("id=\"skipped-week\"", html);
    }

    [Fact]
    public async Task OwnBooking_ShownAsYoursWithLink_OthersJustBookedAsOneCalmBlock()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var me = await host.SignInNewAsync();
        var other = await host.SignInNewAsync();
        var mine = (await (await me.Http.BookAsync(room.Id, Local(Zone, "2026-01-13T10:00"), Local(Zone, "2026-01-13T11:00"))).JsonAsync()).GetProperty("id").GetGuid();
        var theirs = (await (await other.Http.BookAsync(room.Id, Local(Zone, "2026-01-13T14:00"), Local(Zone, "2026-01-13T15:00"))).JsonAsync()).GetProperty("id").GetGuid();
        var browser = new PageSession(host);
        await browser.SignInAsync(me.Email, MakerspaceHost.Password);

        var week = await browser.GetAsync($"/resources/{room.Id}?week=2026-01-12");

        Assert.Contains($"<td class=\"cell-mine\" rowspan=\"2\">", week); // 10:00 and 10:30
        Assert.Contains($"href=\"/reservations/mine#reservation-{mine}\"", week);
        // Theirs with its 15-minute buffer covers the 14:00, 14:30 and 15:00 rows: one block, one waiting-list link.
        Assert.Contains("<td class=\"cell-booked\" rowspan=\"3\">", week);
        Assert.Equal(2, WaitLinks().Matches(week).Count); // the block after mine (its buffer) and theirs
        Assert.DoesNotContain(theirs.ToString(), week);
        Assert.DoesNotContain(other.Email, week);

        var day = await browser.GetAsync($"/kinds/{KnownKinds.Room}/day?date=2026-01-13&locationId={branch.Id}");
        Assert.Contains($"href=\"/reservations/mine#reservation-{mine}\"", day);
        Assert.Matches("<td colspan=\"12\" class=\"mine\"", day); // 10:00 to 11:00: twelve five-minute columns
        Assert.Contains("15:15 Booked", day); // theirs, 14:00 to 15:00 and its buffer, one calm block
        Assert.DoesNotContain(theirs.ToString(), day);
        Assert.Contains("data-start=\"2026-01-13T08:00\" data-end=\"2026-01-13T09:00\"", day); // free blocks carry their times for the drag

        var visitor = await new PageSession(host).GetAsync($"/resources/{room.Id}?week=2026-01-12");
        Assert.DoesNotContain("Your booking</a>", visitor);
        Assert.DoesNotContain(mine.ToString(), visitor);
    }

    [GeneratedRegex("href=\"/waitlist/new\\?")]
    private static partial Regex WaitLinks();
}
