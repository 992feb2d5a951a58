using System.Net;
using Booking.Data.Identity;
using Booking.Domain.Locations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Pages;

/// <summary>
/// "Find a free space" on the home page and the day view per kind, as a browser without JavaScript sees them:
/// the same answers as the availability API, bad input answered in words, no patron data on public pages.
/// (The host's clock stands at Monday 12 January 2026, 12:00 UTC.)
/// </summary>
public sealed class FindPagesTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Search_ListsTheFreeRooms_TheTakenOneWithItsReason_ReserveBooksIt()
    {
        var branch = await host.BranchAsync(Zone);
        var taken = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var free = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var other = await host.SignInNewAsync();
        await (await other.Http.BookAsync(taken.Id, Local(Zone, "2026-01-20T10:00"), Local(Zone, "2026-01-20T11:00"))).JsonAsync();
        var patron = await host.SignInNewAsync();
        var browser = new PageSession(host);
        await browser.SignInAsync(patron.Email, MakerspaceHost.Password);
        var search = $"/?kind=room&where={branch.Id}&date=2026-01-20&time=10:30&duration=60";

        var html = WebUtility.HtmlDecode(await browser.GetAsync(search));
        var (freePart, notFreePart) = Split(html, "<h3>Not free then</h3>");
        Assert.Contains("1 free", freePart);
        Assert.Contains(free.Name, freePart);
        Assert.Contains("Tue, Jan 20, 10:30 AM–11:30 AM", freePart);
        Assert.DoesNotContain(taken.Name, freePart);
        Assert.Contains(taken.Name, notFreePart);
        Assert.Contains("is already booked from 10:00 AM to 11:15 AM", notFreePart);
        Assert.DoesNotContain(other.Email, html);
        Assert.Contains($"action=\"/reservations/new?resourceId={free.Id}\"", freePart);

        // The Reserve button posts the shown time to the booking page, which books it with its own rules.
        var (_, mine, landed) = await browser.SubmitAsync(search, $"/reservations/new?resourceId={free.Id}", new Dictionary<string, string>
        {
            ["ResourceId"] = free.Id.ToString(),
            ["Date"] = "2026-01-20",
            ["StartTime"] = "10:30",
            ["EndTime"] = "11:30",
        });
        Assert.Equal("/reservations/mine", landed?.AbsolutePath);
        Assert.Contains(free.Name, mine);
        var booked = await host.InScopeAsync(db => db.Reservations.AsNoTracking().SingleAsync(r => r.PatronId == patron.UserId));
        Assert.Equal(free.Id, booked.ResourceId);
        Assert.Equal(Local(Zone, "2026-01-20T10:30").UtcDateTime, booked.StartsAtUtc);
        Assert.Equal(Local(Zone, "2026-01-20T11:30").UtcDateTime, booked.EndsAtUtc);

        // Searched again, the room just booked is no longer free.
        var again = WebUtility.HtmlDecode(await browser.GetAsync(search));
        Assert.Contains("Nothing is free then", again);
    }

    [Fact]
    public async Task Search_Anonymous_ReserveIsALinkWithTheTimes_CertificationNamed()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var branch = await host.BranchAsync(Zone);
        var cutter = await host.ResourceAsync(branch.Id, KnownKinds.LaserCutter);
        var safety = await admin.Http.CertificationAsync(name: $"Cutter safety {Guid.NewGuid():N}"[..20]);
        await host.RequireAsync(cutter.Id, safety);
        var anonymous = new PageSession(host);

        var html = WebUtility.HtmlDecode(await anonymous.GetAsync($"/?kind=laser-cutter&where={branch.Id}&date=2026-01-20&time=14:00&duration=60"));
        Assert.Contains($"href=\"/reservations/new?resourceId={cutter.Id}&start=2026-01-20T14:00&end=2026-01-20T15:00\"", html);
        Assert.Contains("Cutter safety", html);
        Assert.DoesNotContain("You need it", html); // said only to a signed-in patron

        var patron = await host.SignInNewAsync();
        var browser = new PageSession(host);
        await browser.SignInAsync(patron.Email, MakerspaceHost.Password);
        Assert.Contains("You need it", await browser.GetAsync($"/?kind=laser-cutter&where={branch.Id}&date=2026-01-20&time=14:00&duration=60"));

        // The booking form takes the link's end instead of the shortest booking.
        var form = await browser.GetAsync($"/reservations/new?resourceId={cutter.Id}&start=2026-01-20T14:00&end=2026-01-20T15:00");
        Assert.Contains("name=\"EndTime\" value=\"15:00\"", form);
    }

    [Fact]
    public async Task Search_AllDay_IsTheBranchOpeningHours_AClosedDaySaysSo()
    {
        var branch = await host.BranchAsync(Zone, opens: 9, closes: 17, configure: l => l.SetOpeningHours(
            new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new OpeningInterval(d, new TimeOnly(9, 0), new TimeOnly(17, 0)))));
        var desk = await host.ResourceAsync(branch.Id, KnownKinds.CoworkingDesk);
        var busyDesk = await host.ResourceAsync(branch.Id, KnownKinds.CoworkingDesk);
        var other = await host.SignInNewAsync();
        await (await other.Http.BookAsync(busyDesk.Id, Local(Zone, "2026-01-21T13:00"), Local(Zone, "2026-01-21T17:00"))).JsonAsync();
        var anonymous = new PageSession(host);

        var html = WebUtility.HtmlDecode(await anonymous.GetAsync($"/?kind=coworking-desk&where={branch.Id}&date=2026-01-21&duration=day"));
        var (freePart, notFreePart) = Split(html, "<h3>Not free then</h3>");
        Assert.Contains(desk.Name, freePart);
        Assert.Contains("Wed, Jan 21, 9:00 AM–5:00 PM", freePart);
        Assert.Contains("end=2026-01-21T17:00", freePart);
        Assert.Contains(busyDesk.Name, notFreePart);

        var saturday = WebUtility.HtmlDecode(await anonymous.GetAsync($"/?kind=coworking-desk&where={branch.Id}&date=2026-01-24&duration=day"));
        Assert.Contains("Nothing is free then", saturday);
        Assert.Contains($"{branch.Name} is closed on Saturday, January 24.", saturday);
    }

    [Theory]
    [InlineData("kind=room&date=2026-01-05&time=10:00&duration=60", "That time has passed.")]
    [InlineData("kind=spaceship&date=2026-01-20&time=10:00&duration=60", "There is nothing of the kind “spaceship” to reserve.")]
    [InlineData("kind=room&date=2026-01-20&time=10:00&duration=600", "Room: a reservation lasts 30 min to 4 hours, in steps of 30 min.")]
    [InlineData("kind=room&date=2026-01-20&time=10:00&duration=45", "in steps of 30 min")]
    [InlineData("kind=room&date=20-01-2026&time=10:00&duration=60", "Give the date as a calendar date")]
    [InlineData("kind=room&date=99999-01-01&time=10:00&duration=60", "Give the date as a calendar date")]
    [InlineData("kind=room&date=2026-01-20&time=25:00&duration=60", "Give a start time")]
    [InlineData("kind=room&date=2026-01-20&time=10:00&duration=-5", "Choose how long you need it.")]
    [InlineData("kind=room&where=not-a-branch&date=2026-01-20&time=10:00&duration=60", "That branch is not one of ours.")]
    [InlineData("date=2026-01-20&time=10:00&duration=60", "Choose what you want to reserve.")]
    public async Task Search_BadInput_AnsweredOnThePage_NothingChanged(string query, string message)
    {
        var branch = await host.BranchAsync(Zone);
        await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var before = await host.InScopeAsync(db => db.Reservations.CountAsync());

        var html = await new PageSession(host).GetAsync("/?" + query);

        Assert.Contains("Please check your search", html);
        Assert.Contains(message, WebUtility.HtmlDecode(html));
        Assert.Equal(before, await host.InScopeAsync(db => db.Reservations.CountAsync()));
    }

    [Fact]
    public async Task DayView_ShowsAReservationAsBooked_WithoutThePatron_FreeTimeLinksToTheForm()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        await (await patron.Http.BookAsync(room.Id, Local(Zone, "2026-01-22T10:00"), Local(Zone, "2026-01-22T11:00"))).JsonAsync();
        var browser = new PageSession(host);

        var html = WebUtility.HtmlDecode(await browser.GetAsync($"/kinds/room/day?date=2026-01-22&locationId={branch.Id}"));

        Assert.Contains("Thursday, January 22, 2026", html);
        Assert.Contains("<span>10:00–11:15 Booked</span>", html); // the room's buffer included
        Assert.Contains($"href=\"/reservations/new?resourceId={room.Id}&start=2026-01-22T09:00\"", html);
        Assert.Contains($"href=\"/reservations/new?resourceId={room.Id}&start=2026-01-22T11:30\"", html); // next slot after the buffer
        Assert.DoesNotContain($"start=2026-01-22T10:00\"", html);
        Assert.DoesNotContain(patron.Email, html);
        Assert.DoesNotContain(patron.Email.Split('@')[0], html);
        Assert.Contains($"href=\"/kinds/room/day?date=2026-01-21&locationId={branch.Id}\"", html);
        Assert.Contains($"href=\"/kinds/room/day?date=2026-01-23&locationId={branch.Id}\"", html);
    }

    [Fact]
    public async Task DayView_ClosedDay_SaysClosed_UnknownKindIsNotFound_BadInputAnswered()
    {
        var branch = await host.BranchAsync(Zone, configure: l => l.SetOpeningHours(
            [new OpeningInterval(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(17, 0))]));
        await host.ResourceAsync(branch.Id, KnownKinds.Laptop);
        var browser = new PageSession(host);

        var closed = WebUtility.HtmlDecode(await browser.GetAsync($"/kinds/laptop/day?date=2026-01-24&locationId={branch.Id}"));
        Assert.Contains("closed on Saturday, January 24, 2026", closed);
        Assert.DoesNotContain("/reservations/new", closed);

        await browser.GetAsync("/kinds/spaceship/day", HttpStatusCode.NotFound);
        var bad = await browser.GetAsync("/kinds/laptop/day?date=someday&locationId=nowhere");
        Assert.Contains("That branch is not one of ours", bad);
    }

    private static (string Before, string After) Split(string html, string marker)
    {
        var at = html.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? (html, "") : (html[..at], html[at..]);
    }
}
