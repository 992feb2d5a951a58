using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Booking.Data.Identity;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.Jobs.Sweeps;
using Booking.Workflows.Patrons;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Booking.IntegrationTests.Patrons;

/// <summary>
/// Patrons without e-mail (issue #20, part 4), on both databases: staff create them by library card (page and API,
/// audited, bad input and taken cards refused with nothing written, one winner when two desks race), they cannot sign
/// in, staff book for them by card number and print the confirmation, no mail is ever tried, and they check in by
/// card at the kiosk or from the confirmation's QR page at the desk.
/// </summary>
public sealed partial class PatronsWithoutEmailTests(JobsHost host) : IClassFixture<JobsHost>
{
    // London is UTC in January and the branch is open all day: moving the fake clock never closes it.
    private const string Zone = "Europe/London";

    [Fact]
    public async Task Create_ByApi_CardOnlyAccount_APatronWithoutPasswordOrAddress_AuditedWithTheCardMasked()
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var card = NewCard();

        var response = await staff.Http.PostAsJsonAsync("/api/v1/patrons", new { displayName = "  Rosa Díaz ", cardNumber = $" {card.ToLowerInvariant()} " });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal(card, body.GetProperty("cardNumber").GetString());
        Assert.Equal("Rosa Díaz", body.GetProperty("displayName").GetString());
        Assert.Equal(JsonValueKindNull, body.GetProperty("email").ValueKind);
        var account = await host.InScopeAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == id));
        Assert.Null(account.Email);
        Assert.Null(account.PasswordHash);
        Assert.Equal(card, account.LibraryCardNumber);
        var roles = await host.InScopeAsync(db => (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == id select r.Name).ToListAsync());
        Assert.Equal(Roles.Patron, Assert.Single(roles));
        var audit = await host.InScopeAsync(db => db.AuditLog.AsNoTracking().SingleAsync(a => a.Subject == $"user:{id}"));
        Assert.Equal(PatronEnrolment.AuditAction, audit.Action);
        Assert.Equal(staff.UserId, audit.ActorId);
        Assert.Contains($"•••• {card[^4..]}", audit.Details);
        Assert.DoesNotContain(card, audit.Details);
    }

    [Fact]
    public async Task Create_WithAnAddress_TakenAsConfirmedBecauseStaffVouched()
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var email = $"vouched-{Guid.NewGuid():N}@example.test";

        var body = await (await staff.Http.PostAsJsonAsync("/api/v1/patrons", new { displayName = "Ana", cardNumber = NewCard(), email })).JsonAsync();

        var account = await host.InScopeAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == body.GetProperty("id").GetGuid()));
        Assert.Equal(email, account.Email);
        Assert.True(account.EmailConfirmed);
    }

    [Fact]
    public async Task Create_PatronOrStranger_Refused_NothingWritten()
    {
        var patron = await host.SignInNewAsync();
        var stranger = host.CreateClient();
        var card = NewCard();

        var byPatron = await patron.Http.PostAsJsonAsync("/api/v1/patrons", new { displayName = "Mallory", cardNumber = card });
        var byStranger = await stranger.PostAsJsonAsync("/api/v1/patrons", new { displayName = "Mallory", cardNumber = card });

        await byPatron.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.Unauthorized, byStranger.StatusCode);
        Assert.False(await host.InScopeAsync(db => db.Users.AnyAsync(u => u.LibraryCardNumber == card)));
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"displayName":"","cardNumber":"AB1234"}""", "displayName" },
        { $$"""{"displayName":"{{new string('a', 101)}}","cardNumber":"AB1234"}""", "displayName" },
        { """{"displayName":"Rosa"}""", "cardNumber" },
        { """{"displayName":"Rosa","cardNumber":"12"}""", "cardNumber" },
        { """{"displayName":"Rosa","cardNumber":"12 34-<b>"}""", "cardNumber" },
        { $$"""{"displayName":"Rosa","cardNumber":"{{new string('9', 5000)}}"}""", "cardNumber" },
        { """{"displayName":"Rosa","cardNumber":"AB1234","email":"not-an-address"}""", "email" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Create_BadInput_ValidationProblemNamingTheField_NothingWritten(string json, string field)
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var before = await host.InScopeAsync(db => db.Users.CountAsync());

        var response = await staff.Http.PostAsync("/api/v1/patrons", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, await host.InScopeAsync(db => db.Users.CountAsync()));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[1,2]")]
    [InlineData("""{"displayName":42,"cardNumber":true}""")]
    public async Task Create_MalformedBody_400_NothingWritten(string json)
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var before = await host.InScopeAsync(db => db.Users.CountAsync());

        var response = await staff.Http.PostAsync("/api/v1/patrons", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(before, await host.InScopeAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Create_TakenCardOrAddress_409Conflict_NothingWritten()
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var existing = await host.SignInNewAsync();
        var card = NewCard();
        await (await staff.Http.PostAsJsonAsync("/api/v1/patrons", new { displayName = "First", cardNumber = card })).JsonAsync();
        var before = await host.InScopeAsync(db => db.Users.CountAsync());

        var sameCard = await staff.Http.PostAsJsonAsync("/api/v1/patrons", new { displayName = "Second", cardNumber = card.ToLowerInvariant() });
        var sameAddress = await staff.Http.PostAsJsonAsync("/api/v1/patrons", new { displayName = "Third", cardNumber = NewCard(), email = existing.Email.ToUpperInvariant() });

        var cardProblem = await sameCard.ShouldBeProblemAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Equal(PatronEnrolment.CardTaken, cardProblem.GetProperty("detail").GetString());
        var addressProblem = await sameAddress.ShouldBeProblemAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Equal(PatronEnrolment.EmailTaken, addressProblem.GetProperty("detail").GetString());
        Assert.Equal(before, await host.InScopeAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Create_TwoStaffTheSameCardAtOnce_OneWins_TheOtherA409Problem()
    {
        var desks = await Task.WhenAll(host.SignInNewAsync(Roles.Staff), host.SignInNewAsync(Roles.Staff));
        for (var round = 0; round < 5; round++)
        {
            var card = NewCard();
            var answers = await Task.WhenAll(desks.Select((d, i) => d.Http.PostAsJsonAsync("/api/v1/patrons", new { displayName = $"Desk {i}", cardNumber = card })));

            Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
            await answers.Single(a => a.StatusCode != HttpStatusCode.Created).ShouldBeProblemAsync(HttpStatusCode.Conflict, "conflict");
            Assert.Equal(1, await host.InScopeAsync(db => db.Users.CountAsync(u => u.LibraryCardNumber == card)));
            var id = await host.InScopeAsync(db => db.Users.Where(u => u.LibraryCardNumber == card).Select(u => u.Id).SingleAsync());
            Assert.Equal(1, await host.InScopeAsync(db => db.AuditLog.CountAsync(a => a.Action == PatronEnrolment.AuditAction && a.Subject == $"user:{id}")));
        }
    }

    [Fact]
    public async Task CardOnlyPatron_CannotSignIn_ByCardNumberOrAnything()
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var card = NewCard();
        var id = (await (await staff.Http.PostAsJsonAsync("/api/v1/patrons", new { displayName = "No Mail", cardNumber = card })).JsonAsync()).GetProperty("id").GetGuid();
        var userName = await host.InScopeAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.UserName).SingleAsync());
        var client = host.CreateClient();

        foreach (var typed in new[] { card, card.ToLowerInvariant(), userName! })
        {
            foreach (var password in new[] { MakerspaceHost.Password, card, "x" })
            {
                var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = typed, password });
                Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
            }
        }
    }

    [Fact]
    public async Task StaffBookByCardOnTheBookingForm_LandsOnThePrintableConfirmation_TimeInTheBranchZone_CardMasked_QrCode()
    {
        var branch = await host.BranchAsync("America/New_York", opens: 8, closes: 20);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var (staffPage, _) = await StaffPageAsync();
        var card = NewCard();
        var patronId = await CreateAsync(card, "Rosa Díaz");
        var start = host.Clock.DaysAhead("America/New_York", 2, 10);
        var newForm = $"/reservations/new?resourceId={room.Id}&start={start:yyyy-MM-ddTHH:mm}";

        var (status, html, url) = await staffPage.SubmitAsync(newForm, "/reservations/new", new Dictionary<string, string>
        {
            ["ResourceId"] = room.Id.ToString(),
            ["Date"] = start.ToString("yyyy-MM-dd"),
            ["StartTime"] = "10:00",
            ["EndTime"] = "11:00",
            ["PatronEmail"] = $" {card.ToLowerInvariant()} ",
        });

        Assert.Equal(HttpStatusCode.OK, status);
        var reservation = await host.InScopeAsync(db => db.Reservations.AsNoTracking().SingleAsync(r => r.PatronId == patronId));
        Assert.Equal($"/desk/reservations/{reservation.Id}/confirmation", url!.AbsolutePath);
        Assert.Equal(start.UtcDateTime, reservation.StartsAtUtc);
        var text = WebUtility.HtmlDecode(html);
        Assert.Contains("Your reservation", text);
        Assert.Contains("Rosa Díaz", text);
        Assert.Contains(room.Name, text);
        Assert.Contains(branch.Name, text);
        Assert.Contains("10:00 to 11:00 (New York time)", Regex.Replace(text, @"\s+", " ").Replace("10:00 AM", "10:00").Replace("11:00 AM", "11:00"));
        Assert.Contains($"•••• {card[^4..]}", text);
        Assert.DoesNotContain(card, text);
        Assert.Contains("type your library card number", text);
        Assert.Contains("<svg", html);
        Assert.Contains("Check the patron in now", text);
    }

    [Fact]
    public async Task StaffBookByCard_ThroughTheApiAndTheSeriesForm_Accepted()
    {
        var branch = await host.BranchAsync(Zone, opens: 0, closes: 0);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var card = NewCard();
        var patronId = await CreateAsync(card, "Series Patron");
        var (staffPage, _) = await StaffPageAsync();
        var first = host.Clock.DaysAhead(Zone, 3, 9);

        var (status, html, _) = await staffPage.SubmitAsync("/desk/series", "/desk/series", new Dictionary<string, string>
        {
            ["ResourceId"] = room.Id.ToString(),
            ["PatronEmail"] = card,
            ["FirstDate"] = first.ToString("yyyy-MM-dd"),
            ["StartTime"] = "09:00",
            ["EndTime"] = "10:00",
            ["Repeat"] = "daily",
            ["Count"] = "2",
        });
        var found = await (await staff.Http.GetAsync($"/api/v1/patrons?card={card.ToLowerInvariant()}")).JsonAsync();

        Assert.True(status == HttpStatusCode.OK, html);
        Assert.Equal(2, await host.InScopeAsync(db => db.Reservations.CountAsync(r => r.PatronId == patronId)));
        Assert.Equal(patronId, Assert.Single(found.EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task CardOnlyPatron_NoMailIsEverTried_EachNoticeDiscardedWithItsReason_NoRetryLoop()
    {
        var branch = await host.BranchAsync(Zone, opens: 0, closes: 0);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patronId = await CreateAsync(NewCard(), "Quiet Patron");
        var start = host.Clock.DaysAhead(Zone, 4, 11);
        var id = (await (await staff.Http.BookAsync(room.Id, start, start.AddHours(1), patronId)).JsonAsync()).GetProperty("id").GetGuid();
        var cancelled = await staff.Http.PostAsJsonAsync($"/api/v1/reservations/{id}/cancel", new { reason = "Booked by mistake." });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);

        await host.SweepAsync<ConfirmationSweep>();
        Assert.Empty(await host.DeliverAllAsync());
        Assert.Empty(await host.DeliverAllAsync()); // nothing left to try: settled, not retried

        var notices = await host.InScopeAsync(db => db.Notifications.AsNoTracking().Where(n => n.RecipientId == patronId).ToListAsync());
        Assert.NotEmpty(notices);
        Assert.All(notices, n =>
        {
            Assert.Null(n.SentAtUtc);
            Assert.NotNull(n.DiscardedAtUtc);
            Assert.Equal("The recipient has no e-mail address.", n.DiscardReason);
        });
        // Other tests' mail goes out in the same run; none of it is this patron's (they have no address to write to).
        Assert.DoesNotContain(host.Smtp.Received, m => m.To.Mailboxes.Count() == 0 || (m.TextBody ?? "").Contains("Quiet Patron", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CardOnlyPatron_ChecksInAtTheKioskByCard_AndAtTheDeskFromTheConfirmation()
    {
        var branch = await host.BranchAsync(Zone, opens: 0, closes: 0);
        var roomA = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var roomB = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var card = NewCard();
        var patronId = await CreateAsync(card, "Kiosk Patron");
        var start = NextSlot(60);
        var booker = await host.SignInNewAsync(Roles.Staff);
        var atKiosk = (await (await booker.Http.BookAsync(roomA.Id, start, start.AddHours(1), patronId)).JsonAsync()).GetProperty("id").GetGuid();
        var atDesk = (await (await booker.Http.BookAsync(roomB.Id, start, start.AddHours(1), patronId)).JsonAsync()).GetProperty("id").GetGuid();
        host.Clock.MoveTo(start.AddMinutes(-5)); // rooms open check-in 15 minutes before
        var (desk, _) = await StaffPageAsync();

        var (_, found, _) = await desk.SubmitAsync($"/kiosk/{branch.Id}", $"/kiosk/{branch.Id}?handler=Find", new Dictionary<string, string> { ["Identifier"] = card.ToLowerInvariant() });
        var token = KioskToken().Matches(found).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, token.Count);
        var form = await desk.FormTokenAsync($"/kiosk/{branch.Id}");
        var (_, done, _) = await desk.PostFormAsync($"/kiosk/{branch.Id}?handler=CheckIn", form, [new("token", token[0])]);
        Assert.Contains("You are checked in", WebUtility.HtmlDecode(done));

        var checkedInAtKiosk = await StatusesAsync(patronId);
        var remaining = checkedInAtKiosk.Single(s => s.Value == ReservationStatus.Confirmed).Key;
        var (status, page, url) = await desk.SubmitAsync($"/desk/reservations/{remaining}/confirmation", $"/desk/reservations/{remaining}/confirmation?handler=CheckIn", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"/desk/reservations/{remaining}/confirmation", url!.AbsolutePath);
        Assert.Contains("Checked in.", page);
        Assert.All((await StatusesAsync(patronId)).Values, s => Assert.Equal(ReservationStatus.CheckedIn, s));
        Assert.Equal(new[] { atDesk, atKiosk }.Order(), (await StatusesAsync(patronId)).Keys.Order());
    }

    [Fact]
    public async Task Confirmation_CheckInOutsideTheWindow_SaidOnThePage_NothingChanged()
    {
        var branch = await host.BranchAsync(Zone, opens: 0, closes: 0);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patronId = await CreateAsync(NewCard(), "Early Patron");
        var start = host.Clock.DaysAhead(Zone, 5, 10);
        var id = (await (await staff.Http.BookAsync(room.Id, start, start.AddHours(1), patronId)).JsonAsync()).GetProperty("id").GetGuid();
        var (desk, _) = await StaffPageAsync();

        var (status, page, _) = await desk.SubmitAsync($"/desk/reservations/{id}/confirmation", $"/desk/reservations/{id}/confirmation?handler=CheckIn", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("id=\"problem-check-in\"", page);
        Assert.Equal(ReservationStatus.Confirmed, (await StatusesAsync(patronId))[id]);
    }

    [Fact]
    public async Task ConfirmationAndNewPatronPages_PatronGets403_StrangerSentToSignIn_UnknownReservation404()
    {
        var branch = await host.BranchAsync(Zone, opens: 0, closes: 0);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patron = await host.SignInNewAsync();
        var start = host.Clock.DaysAhead(Zone, 6, 10);
        var id = (await (await patron.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
        var patronPage = new PageSession(host);
        await patronPage.SignInAsync(patron.Email, MakerspaceHost.Password);
        var stranger = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var (desk, _) = await StaffPageAsync();

        foreach (var url in new[] { $"/desk/reservations/{id}/confirmation", "/desk/patrons/new" })
        {
            await patronPage.GetAsync(url, HttpStatusCode.Forbidden);
            var response = await stranger.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/sign-in", response.Headers.Location?.OriginalString);
        }

        await desk.GetAsync($"/desk/reservations/{Guid.NewGuid()}/confirmation", HttpStatusCode.NotFound);
        var (status, _, _) = await desk.SubmitAsync($"/desk/reservations/{id}/confirmation", $"/desk/reservations/{Guid.NewGuid()}/confirmation?handler=CheckIn", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task NewPatronPage_CreatesTheAccount_ThenTheDeskFindsItByCard()
    {
        var (desk, _) = await StaffPageAsync();
        var card = NewCard();

        var (status, html, url) = await desk.SubmitAsync("/desk/patrons/new", "/desk/patrons/new", new Dictionary<string, string>
        {
            ["DisplayName"] = "Page Patron",
            ["CardNumber"] = card,
            ["Email"] = "",
        });

        Assert.Equal(HttpStatusCode.OK, status);
        var id = await host.InScopeAsync(db => db.Users.Where(u => u.LibraryCardNumber == card).Select(u => u.Id).SingleAsync());
        Assert.Equal($"/desk/patrons/{id}", url!.AbsolutePath);
        Assert.Contains("Created the account of Page Patron.", WebUtility.HtmlDecode(html));
        Assert.Contains("No e-mail address: they get no mail.", WebUtility.HtmlDecode(html));
        var search = await desk.GetAsync($"/desk/patrons?q={card.ToLowerInvariant()}");
        Assert.Contains($"href=\"/desk/patrons/{id}\"", search);
    }

    [Fact]
    public async Task NewPatronPage_BadOrTakenCard_SaidBesideTheField_NothingWritten()
    {
        var (desk, _) = await StaffPageAsync();
        var taken = NewCard();
        await CreateAsync(taken, "Holder");
        var before = await host.InScopeAsync(db => db.Users.CountAsync());

        var (badStatus, bad, _) = await desk.SubmitAsync("/desk/patrons/new", "/desk/patrons/new", new Dictionary<string, string> { ["DisplayName"] = "", ["CardNumber"] = "12 34" });
        var (takenStatus, clash, _) = await desk.SubmitAsync("/desk/patrons/new", "/desk/patrons/new", new Dictionary<string, string> { ["DisplayName"] = "Copy", ["CardNumber"] = taken });

        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Contains("id=\"problem-displayName\"", bad);
        Assert.Contains("id=\"problem-cardNumber\"", bad);
        Assert.Equal(HttpStatusCode.Conflict, takenStatus);
        Assert.Contains(PatronEnrolment.CardTaken, WebUtility.HtmlDecode(clash));
        Assert.Equal(before, await host.InScopeAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task NewPatronAndConfirmationPages_InSpanish_FromTheResxBesideTheView()
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var branch = await host.BranchAsync(Zone, opens: 0, closes: 0);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var patronId = await CreateAsync(NewCard(), "Lucía");
        var start = host.Clock.DaysAhead(Zone, 7, 10);
        var id = (await (await staff.Http.BookAsync(room.Id, start, start.AddHours(1), patronId)).JsonAsync()).GetProperty("id").GetGuid();

        var form = await SpanishAsync(staff, "/desk/patrons/new");
        var confirmation = await SpanishAsync(staff, $"/desk/reservations/{id}/confirmation");

        Assert.Contains("<html lang=\"es\">", form, StringComparison.Ordinal);
        Assert.Contains("Agregar un usuario sin correo electrónico", form);
        Assert.Contains("Crear la cuenta del usuario", form);
        Assert.DoesNotContain("Create the patron account", form);
        Assert.Contains("Su reserva", confirmation);
        Assert.Contains("escriba su número de tarjeta de la biblioteca", confirmation);
        Assert.DoesNotContain("Your reservation", confirmation);
    }

    private static async Task<string> SpanishAsync(SignedInClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", ".AspNetCore.Culture=c=es|uic=es");
        var response = await client.Http.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        return WebUtility.HtmlDecode(html);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    /// <summary>A card number no other test uses.</summary>
    private static string NewCard() => "C" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

    private async Task<Guid> CreateAsync(string card, string name)
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        return (await (await staff.Http.PostAsJsonAsync("/api/v1/patrons", new { displayName = name, cardNumber = card })).JsonAsync()).GetProperty("id").GetGuid();
    }

    private async Task<(PageSession Page, SignedInClient Account)> StaffPageAsync()
    {
        var account = await host.SignInNewAsync(Roles.Staff);
        var page = new PageSession(host);
        await page.SignInAsync(account.Email, MakerspaceHost.Password);
        return (page, account);
    }

    private Task<Dictionary<Guid, ReservationStatus>> StatusesAsync(Guid patronId) =>
        host.InScopeAsync(db => db.Reservations.AsNoTracking().Where(r => r.PatronId == patronId).ToDictionaryAsync(r => r.Id, r => r.Status));

    /// <summary>A half-hour slot start at least <paramref name="minutesAhead"/> minutes from the fake clock's now.</summary>
    private DateTimeOffset NextSlot(int minutesAhead)
    {
        var at = host.Clock.GetUtcNow().AddMinutes(minutesAhead);
        return new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute >= 30 ? 30 : 0, 0, TimeSpan.Zero).AddMinutes(30);
    }

    [GeneratedRegex("name=\"token\" value=\"([^\"]+)\"")]
    private static partial Regex KioskToken();
}
