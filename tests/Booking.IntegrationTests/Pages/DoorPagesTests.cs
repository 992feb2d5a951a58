using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Booking.Data.Identity;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Booking.Web;
using Booking.Web.Features.Display;
using Booking.Web.Features.Kiosk;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Pages;

/// <summary>
/// The door display (anonymous, nothing personal, paged for a big branch) and the desk kiosk (a kiosk account or staff; check-in by
/// e-mail or library card inside the window; one neutral sentence otherwise; parallel kiosks record one check-in).
/// </summary>
public sealed partial class DoorPagesTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    // London is UTC in January: the fake clock's hours are the branch's hours. Open all day, so moving the clock never closes it.
    private const string Zone = "Europe/London";

    [Fact]
    public async Task Display_Anonymous_ShowsResourcesBookingsAndSessions_ButNothingPersonal()
    {
        var branch = await host.BranchAsync(Zone, opens: 0, closes: 0);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var desk = await host.ResourceAsync(branch.Id, KnownKinds.CoworkingDesk);
        var patron = await host.SignInNewAsync(email: $"ada-{Guid.NewGuid():N}@example.test");
        var start = NextSlot(60);
        var booked = await patron.Http.PostAsJsonAsync("/api/v1/reservations", new { resourceId = desk.Id, start, end = start.AddHours(4), notes = "Private note about my pitch" });
        await booked.JsonAsync();
        var staff = await host.SignInNewAsync(Roles.Staff);
        var session = await (await staff.Http.PostAsJsonAsync("/api/v1/sessions", new
        {
            kind = "workshop",
            title = "Intro to soldering",
            roomId = room.Id,
            start = start.AddHours(1),
            end = start.AddHours(2),
            capacity = 5,
        })).JsonAsync();
        await (await patron.Http.PostAsync($"/api/v1/sessions/{session.GetProperty("id").GetGuid()}/registrations", null)).JsonAsync();

        var html = WebUtility.HtmlDecode(await new PageSession(host).GetAsync($"/display/{branch.Id}"));

        Assert.Contains(branch.Name, html);
        Assert.Contains(room.Name, html);
        Assert.Contains(desk.Name, html);
        Assert.Contains($"Next: {start:HH:mm}–{start.AddHours(4):HH:mm}", html);
        Assert.Contains("Intro to soldering", html);
        Assert.Contains($"{start.AddHours(1):HH:mm}–{start.AddHours(2):HH:mm} Intro to soldering", html); // the room names the session, not "in use"
        Assert.DoesNotContain(patron.Email, html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(patron.Email.Split('@')[0], html, StringComparison.OrdinalIgnoreCase); // the display name
        Assert.DoesNotContain(staff.Email.Split('@')[0], html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Private note", html);
    }

    [Fact]
    public async Task Display_BookedNow_InUseUntilItsEnd_FreeOneFreeUntilItsNextBooking()
    {
        var branch = await host.BranchAsync(Zone, opens: 0, closes: 0);
        var busy = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var free = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var start = NextSlot(30);
        await (await patron.Http.BookAsync(busy.Id, start, start.AddHours(2))).JsonAsync();
        await (await patron.Http.BookAsync(free.Id, start.AddHours(3), start.AddHours(4))).JsonAsync();
        host.Clock.SetUtcNow(start.AddMinutes(10));

        var html = WebUtility.HtmlDecode(await new PageSession(host).GetAsync($"/display/{branch.Id}"));

        Assert.Matches($"{busy.Name}.*?</span>\\s*<span class=\"door-now\"><span class=\"badge badge-pending\">In use</span> until {start.AddHours(2):HH:mm}", html.Replace("\n", " "));
        Assert.Matches($"{free.Name}.*?</span>\\s*<span class=\"door-now\"><span class=\"badge badge-free\">Free</span> until {start.AddHours(3):HH:mm}", html.Replace("\n", " "));
    }

    [Fact]
    public async Task Display_OnTheDayClocksGoForward_SaysFreeUntilInTheBranchsLocalTime()
    {
        // The next second Sunday of March (US clocks go forward at 02:00): an hour that moved must not move "until".
        const string newYork = "America/New_York";
        var zone = TimeZoneInfo.FindSystemTimeZoneById(newYork);
        var year = TimeZoneInfo.ConvertTime(host.Clock.GetUtcNow(), zone).Year;
        DateTimeOffset Morning(int y) => Local(newYork, $"{SecondSundayOfMarch(y):yyyy-MM-dd}T10:00:00");
        var morning = Morning(year) > host.Clock.GetUtcNow() ? Morning(year) : Morning(year + 1);
        Assert.True(zone.IsDaylightSavingTime(morning) && !zone.IsDaylightSavingTime(morning.AddDays(-1)));

        var branch = await host.BranchAsync(newYork, opens: 9, closes: 20);
        var booked = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var free = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        host.Clock.MoveTo(morning);
        var patron = await host.SignInNewAsync();
        await (await patron.Http.BookAsync(booked.Id, morning.AddHours(6), morning.AddHours(7))).JsonAsync(); // 16:00–17:00 EDT
        host.Clock.MoveTo(morning.AddHours(4)); // 14:00 EDT, 18:00 UTC

        var html = WebUtility.HtmlDecode(await new PageSession(host).GetAsync($"/display/{branch.Id}")).Replace("\n", " ");

        Assert.Matches($"{booked.Name}.*?</span>\\s*<span class=\"door-now\"><span class=\"badge badge-free\">Free</span> until 16:00", html);
        Assert.Matches($"{free.Name}.*?</span>\\s*<span class=\"door-now\"><span class=\"badge badge-free\">Free</span> until 20:00", html);
    }

    private static DateTime SecondSundayOfMarch(int year)
    {
        var first = new DateTime(year, 3, 1);
        return first.AddDays((7 - (int)first.DayOfWeek) % 7 + 7);
    }

    [Fact]
    public async Task Display_UnknownBranch_404Page()
    {
        var html = await new PageSession(host).GetAsync($"/display/{Guid.NewGuid()}", HttpStatusCode.NotFound);

        Assert.Contains("<h1>Page not found</h1>", html);
    }

    [Fact]
    public async Task Display_BigBranch_PagedAndTheRefreshMovesToTheNextPage()
    {
        var branch = await host.BranchAsync(Zone, opens: 0, closes: 0);
        for (var i = 0; i < DisplayModel.PageSize + 2; i++)
        {
            await host.ResourceAsync(branch.Id, KnownKinds.CoworkingDesk);
        }

        var session = new PageSession(host);
        var first = await session.GetAsync($"/display/{branch.Id}");
        var last = await session.GetAsync($"/display/{branch.Id}?page=2");
        var beyond = await session.GetAsync($"/display/{branch.Id}?page=99");

        Assert.Equal(DisplayModel.PageSize, DoorLine().Matches(first).Count);
        Assert.Contains("Page 1 of 2", first);
        Assert.Contains($"<meta http-equiv=\"refresh\" content=\"60;url=/display/{branch.Id}?page=2\" />", first);
        Assert.Equal(2, DoorLine().Matches(last).Count);
        Assert.Contains($"<meta http-equiv=\"refresh\" content=\"60;url=/display/{branch.Id}\" />", last);
        Assert.Contains("Page 2 of 2", beyond);
    }

    [Fact]
    public async Task Kiosk_Stranger_SentToSignIn_Patron_Gets403Page_Staff_GetsTheFormWithoutTheStaffMenu()
    {
        var branch = await host.BranchAsync(Zone);
        var stranger = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await stranger.GetAsync($"/kiosk/{branch.Id}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/sign-in", response.Headers.Location?.OriginalString);

        var patron = await SessionAsync(Roles.Patron);
        await patron.GetAsync($"/kiosk/{branch.Id}", HttpStatusCode.Forbidden);

        var kiosk = await SessionAsync(Roles.Staff);
        var html = await kiosk.GetAsync($"/kiosk/{branch.Id}");
        Assert.Contains("Your e-mail address or library card number", html);
        Assert.DoesNotContain("href=\"/desk\"", html);
        Assert.DoesNotContain("aria-label=\"Main\"", html);
        await kiosk.GetAsync($"/kiosk/{Guid.NewGuid()}", HttpStatusCode.NotFound);
        await kiosk.GetAsync("/desk"); // the kiosk account keeps its staff pages
    }

    [Fact]
    public async Task Kiosk_AccountAnAdminMadeAKiosk_HoldsThatRoleAlone_MenuIsTheKiosk_ChecksAPatronIn()
    {
        var (branch, room, patron, reservationId, _) = await DueAsync();
        var tablet = await host.SignInNewAsync(email: $"kiosk-{Guid.NewGuid():N}@example.test");
        var admin = await SessionAsync(Roles.Admin);
        var users = $"/admin/users?email={Uri.EscapeDataString(tablet.Email)}";
        Assert.Contains("<option value=\"Kiosk\">Kiosk</option>", await admin.GetAsync(users));
        var (_, made, _) = await admin.SubmitAsync(users, $"/admin/users?handler=SetRole&userId={tablet.UserId}&email={Uri.EscapeDataString(tablet.Email)}",
            new Dictionary<string, string> { ["role"] = "Kiosk" });
        Assert.Contains($"{tablet.Email} is now a kiosk account", made);
        Assert.Equal([Roles.Kiosk], await host.InScopeAsync(db => (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == tablet.UserId select r.Name).ToListAsync()));

        var kiosk = new PageSession(host);
        await kiosk.SignInAsync(tablet.Email, MakerspaceHost.Password);
        var menu = MenuOf(await kiosk.GetAsync("/"));
        Assert.Contains("href=\"/kiosk\"", menu);
        Assert.Contains("Sign out", menu);
        Assert.DoesNotContain("/reservations/mine", menu);
        Assert.DoesNotContain("/desk", menu);
        Assert.DoesNotContain("/account/my-data", menu);
        Assert.Contains($"href=\"/kiosk/{branch.Id}\"", await kiosk.GetAsync("/kiosk"));
        var denied = await kiosk.GetAsync("/desk", HttpStatusCode.Forbidden);
        Assert.Contains("<a class=\"btn\" href=\"/kiosk\">Self check-in</a>", denied);
        Assert.DoesNotContain("href=\"/reservations/mine\"", denied);

        var found = await FindAsync(kiosk, branch, patron.Email);
        var (status, done) = await CheckInAsync(kiosk, branch, KioskToken().Match(found).Groups[1].Value);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"You are checked in: {room.Name}", done);
        Assert.Equal(ReservationStatus.CheckedIn, await StatusAsync(reservationId));
    }

    [Fact]
    public async Task KioskAccount_EveryPageAndApiThatNeedsAnAccount_403_SaveTheKiosk_AndItBooksNothing()
    {
        var branch = await host.BranchAsync(Zone, opens: 0, closes: 0);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var tablet = await host.SignInNewAsync(Roles.Kiosk);
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var endpoint in host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var authorize = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
            if (authorize.Count == 0 || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || authorize.Any(a => a.Policy == MakerspaceApp.KioskPolicy))
            {
                continue;
            }

            var path = "/" + RouteValue().Replace(endpoint.RoutePattern.RawText ?? "", m =>
                m.Groups["rest"].Value.Contains("guid", StringComparison.Ordinal) || m.Groups["name"].Value.EndsWith("id", StringComparison.OrdinalIgnoreCase) ? Guid.NewGuid().ToString()
                : m.Groups["name"].Value == "file" ? "x.ics" : "x").TrimStart('/');
            var isPage = endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null;
            var methods = isPage ? ["GET"] : endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods.Where(m => m is not "OPTIONS" and not "HEAD"))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is not "GET" and not "DELETE")
                {
                    request.Content = JsonContent.Create(new { });
                }

                using var response = await tablet.Http.SendAsync(request);
                checkedCount++;
                if (response.StatusCode != HttpStatusCode.Forbidden)
                {
                    failures.Add($"{method} {path}: {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"A kiosk account was not refused:\n{string.Join("\n", failures)}");
        Assert.True(checkedCount > 80, $"Only {checkedCount} endpoints were tried");

        // The public pages' own forms act for whoever is signed in: a kiosk account cannot book or register through them.
        var start = NextSlot(24 * 60);
        var booked = await tablet.Http.BookAsync(room.Id, start, start.AddHours(1));
        Assert.Equal(HttpStatusCode.Forbidden, booked.StatusCode);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var session = (await (await staff.Http.ScheduleAsync(new { kind = "workshop", title = "Open day", roomId = room.Id, start = start.AddDays(1), end = start.AddDays(1).AddHours(1), capacity = 4 })).JsonAsync())
            .GetProperty("id").GetGuid();
        var kiosk = new PageSession(host);
        await kiosk.SignInAsync(tablet.Email, MakerspaceHost.Password);
        var (registered, _, _) = await kiosk.SubmitAsync($"/sessions/{session}", $"/sessions/{session}?handler=Register", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Forbidden, registered);
        await kiosk.GetAsync($"/reservations/new?resourceId={room.Id}", HttpStatusCode.Forbidden);
        await kiosk.GetAsync($"/kiosk/{branch.Id}");
        Assert.False(await host.InScopeAsync(db => db.Reservations.AnyAsync(r => r.PatronId == tablet.UserId)));
        Assert.False(await host.InScopeAsync(db => db.SessionRegistrations.AnyAsync(r => r.PatronId == tablet.UserId)));
    }

    [Fact]
    public async Task Kiosk_ByEmail_InsideTheWindow_ChecksIn_ShowingOnlyResourceAndTime()
    {
        var (branch, room, patron, reservationId, start) = await DueAsync();
        var kiosk = await SessionAsync(Roles.Staff);

        var found = await FindAsync(kiosk, branch, "  " + patron.Email.ToUpperInvariant() + " ");

        Assert.Contains($"Check in: {room.Name}, {start.ToString("h:mm tt", System.Globalization.CultureInfo.GetCultureInfo("en-US"))}–{start.AddHours(1).ToString("h:mm tt", System.Globalization.CultureInfo.GetCultureInfo("en-US"))}", found);
        Assert.DoesNotContain(patron.Email, found, StringComparison.OrdinalIgnoreCase);
        var (status, done) = await CheckInAsync(kiosk, branch, KioskToken().Match(found).Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"You are checked in: {room.Name}, {start.ToString("h:mm tt", System.Globalization.CultureInfo.GetCultureInfo("en-US"))}–{start.AddHours(1).ToString("h:mm tt", System.Globalization.CultureInfo.GetCultureInfo("en-US"))}.", done);
        Assert.Contains($"href=\"/kiosk/{branch.Id}\">Done</a>", done);
        Assert.DoesNotContain(patron.Email, done, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ReservationStatus.CheckedIn, await StatusAsync(reservationId));
    }

    [Fact]
    public async Task Kiosk_ByLibraryCard_StaffSetItOnThePatronPage_ChecksIn()
    {
        var (branch, room, patron, reservationId, _) = await DueAsync();
        var desk = await SessionAsync(Roles.Staff);
        var card = "c" + Random.Shared.Next(10_000_000, 99_999_999);
        var (setStatus, setHtml, _) = await desk.SubmitAsync($"/desk/patrons/{patron.UserId}", $"/desk/patrons/{patron.UserId}?handler=Card",
            new Dictionary<string, string> { ["CardNumber"] = $" {card} " });
        Assert.Equal(HttpStatusCode.OK, setStatus);
        Assert.Contains($"Library card: {card.ToUpperInvariant()}", setHtml);

        var found = await FindAsync(desk, branch, card);
        var (_, done) = await CheckInAsync(desk, branch, KioskToken().Match(found).Groups[1].Value);

        Assert.Contains($"You are checked in: {room.Name}", done);
        Assert.Equal(ReservationStatus.CheckedIn, await StatusAsync(reservationId));
    }

    [Fact]
    public async Task Kiosk_OutsideTheWindow_UnknownEmail_UnknownCard_Garbage_AllTheSameNeutralAnswer()
    {
        var branch = await host.BranchAsync(Zone, opens: 0, closes: 0);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var start = NextSlot(120);
        await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync();
        var kiosk = await SessionAsync(Roles.Staff);

        var answers = new List<string>();
        foreach (var typed in new[] { patron.Email, $"nobody-{Guid.NewGuid():N}@example.test", "ZZ99999999", "x", new string('a', 5000) })
        {
            answers.Add(MainOf(await FindAsync(kiosk, branch, typed)));
        }

        Assert.All(answers, a => Assert.Contains(KioskModel.NothingNow, a));
        Assert.Single(answers.Distinct());
        Assert.DoesNotContain(room.Name, answers[0]);
    }

    [Fact]
    public async Task Kiosk_ForgedOrStaleToken_ChecksNothingIn()
    {
        var (branch, _, _, reservationId, _) = await DueAsync();
        var kiosk = await SessionAsync(Roles.Staff);

        var (status, html) = await CheckInAsync(kiosk, branch, "forged");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("This screen waited too long. Please start again.", html);
        Assert.Equal(ReservationStatus.Confirmed, await StatusAsync(reservationId));
    }

    [Fact]
    public async Task Kiosk_TwoKiosksCheckInTheSameReservationAtOnce_OneCheckInBothSaySo()
    {
        var (branch, room, patron, reservationId, _) = await DueAsync();
        var first = await SessionAsync(Roles.Staff);
        var second = await SessionAsync(Roles.Staff);
        var firstToken = KioskToken().Match(await FindAsync(first, branch, patron.Email)).Groups[1].Value;
        var secondToken = KioskToken().Match(await FindAsync(second, branch, patron.Email)).Groups[1].Value;

        var answers = await Task.WhenAll(CheckInAsync(first, branch, firstToken), CheckInAsync(second, branch, secondToken));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.All(answers, a => Assert.Matches($"You are (already )?checked in: {room.Name}", a.Html));
        Assert.Single(answers, a => a.Html.Contains("You are checked in:", StringComparison.Ordinal));
        Assert.Equal(ReservationStatus.CheckedIn, await StatusAsync(reservationId));
    }

    [Fact]
    public async Task LibraryCard_BadOrTakenNumber_RefusedAndNothingChanged_OwnDataDownloadHoldsIt()
    {
        var first = await host.SignInNewAsync();
        var second = await host.SignInNewAsync();
        var desk = await SessionAsync(Roles.Staff);
        var card = "D" + Random.Shared.Next(10_000_000, 99_999_999);
        await desk.SubmitAsync($"/desk/patrons/{first.UserId}", $"/desk/patrons/{first.UserId}?handler=Card", new Dictionary<string, string> { ["CardNumber"] = card });

        var (_, taken, _) = await desk.SubmitAsync($"/desk/patrons/{second.UserId}", $"/desk/patrons/{second.UserId}?handler=Card", new Dictionary<string, string> { ["CardNumber"] = card.ToLowerInvariant() });
        var (_, bad, _) = await desk.SubmitAsync($"/desk/patrons/{second.UserId}", $"/desk/patrons/{second.UserId}?handler=Card", new Dictionary<string, string> { ["CardNumber"] = "12 34-<b>" });

        Assert.Contains("That card number belongs to another account.", taken);
        Assert.Contains("A library card number is 4 to 20 letters and digits", bad);
        var cards = await host.InScopeAsync(db => db.Users.Where(u => u.Id == first.UserId || u.Id == second.UserId).ToDictionaryAsync(u => u.Id, u => u.LibraryCardNumber));
        Assert.Equal(card, cards[first.UserId]);
        Assert.Null(cards[second.UserId]);
        var download = await (await first.Http.GetAsync("/api/v1/account/data")).JsonAsync();
        Assert.Equal(card, download.GetProperty("account").GetProperty("libraryCardNumber").GetString());
    }

    /// <summary>A branch, a room, a patron with a reservation of it, and the clock moved inside its check-in window.</summary>
    private async Task<(Domain.Locations.Location Branch, Resource Room, SignedInClient Patron, Guid ReservationId, DateTimeOffset Start)> DueAsync()
    {
        var branch = await host.BranchAsync(Zone, opens: 0, closes: 0);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var start = NextSlot(30);
        var reservation = await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync();
        host.Clock.SetUtcNow(start.AddMinutes(-5)); // rooms open check-in 15 minutes before
        return (branch, room, patron, reservation.GetProperty("id").GetGuid(), start);
    }

    /// <summary>A half-hour slot start at least <paramref name="minutesAhead"/> minutes from the fake clock's now.</summary>
    private DateTimeOffset NextSlot(int minutesAhead)
    {
        var at = host.Clock.GetUtcNow().AddMinutes(minutesAhead);
        var slot = new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute >= 30 ? 30 : 0, 0, TimeSpan.Zero).AddMinutes(30);
        return slot;
    }

    private async Task<PageSession> SessionAsync(string role)
    {
        var account = await host.SignInNewAsync(role);
        var session = new PageSession(host);
        await session.SignInAsync(account.Email, MakerspaceHost.Password);
        return session;
    }

    private static async Task<string> FindAsync(PageSession kiosk, Domain.Locations.Location branch, string typed)
    {
        var (status, html, _) = await kiosk.SubmitAsync($"/kiosk/{branch.Id}", $"/kiosk/{branch.Id}?handler=Find", new Dictionary<string, string> { ["Identifier"] = typed });
        Assert.Equal(HttpStatusCode.OK, status);
        return WebUtility.HtmlDecode(html);
    }

    private static async Task<(HttpStatusCode Status, string Html)> CheckInAsync(PageSession kiosk, Domain.Locations.Location branch, string token)
    {
        var form = await kiosk.FormTokenAsync($"/kiosk/{branch.Id}");
        var (status, html, _) = await kiosk.PostFormAsync($"/kiosk/{branch.Id}?handler=CheckIn", form, [new("token", token)]);
        return (status, WebUtility.HtmlDecode(html));
    }

    private Task<ReservationStatus> StatusAsync(Guid reservationId) =>
        host.InScopeAsync(db => db.Reservations.AsNoTracking().Where(r => r.Id == reservationId).Select(r => r.Status).FirstAsync());

    private static string MainOf(string html) => MainElement().Match(html).Value;

    private static string MenuOf(string html) => MenuElement().Match(html).Value;

    [GeneratedRegex("<nav aria-label=\"Main\"[\\s\\S]*?</nav>")]
    private static partial Regex MenuElement();

    [GeneratedRegex(@"\{(?<name>[^}:=?*]+)(?<rest>[^}]*)\}")]
    private static partial Regex RouteValue();

    [GeneratedRegex("<li class=\"door-line door-")]
    private static partial Regex DoorLine();

    [GeneratedRegex("name=\"token\" value=\"([^\"]+)\"")]
    private static partial Regex KioskToken();

    [GeneratedRegex("<main[\\s\\S]*</main>")]
    private static partial Regex MainElement();
}
