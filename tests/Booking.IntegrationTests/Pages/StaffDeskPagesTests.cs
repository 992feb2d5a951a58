using System.Net;
using Booking.Data.Identity;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Pages;

/// <summary>The staff desk's pages (find a patron, the patron page, maintenance blocks) with plain forms and no JavaScript.</summary>
public sealed class StaffDeskPagesTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Theory]
    [InlineData("/desk/patrons?q=a")]
    [InlineData("/desk/patrons/6b1f3f5e-1d1a-4c51-9a43-2f1e9d6c0a11")]
    [InlineData("/desk/maintenance")]
    [InlineData("/desk/sessions")]
    [InlineData("/desk/sessions/6b1f3f5e-1d1a-4c51-9a43-2f1e9d6c0a11")]
    public async Task DeskPage_Patron_NotForThisAccount(string url)
    {
        var patron = await host.SignInNewAsync();
        var browser = new PageSession(host);
        await browser.SignInAsync(patron.Email, MakerspaceHost.Password);

        var html = await browser.GetAsync(url, HttpStatusCode.Forbidden);

        Assert.Contains("<h1>Not for this account</h1>", html);
        Assert.Contains("for library staff only", html);
    }

    [Fact]
    public async Task FindPatron_ByPartOfNameOrEmail_LinksToTheirPage()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var patron = await host.SignInNewAsync(email: $"ada-{tag}@example.test");
        var desk = await DeskAsync();

        var byEmail = await desk.GetAsync($"/desk/patrons?q={tag.ToUpperInvariant()}@EXAMPLE");
        Assert.Contains($"href=\"/desk/patrons/{patron.UserId}\"", byEmail);
        var byName = await desk.GetAsync($"/desk/patrons?q=ada-{tag}");
        Assert.Contains($"href=\"/desk/patrons/{patron.UserId}\"", byName);
        Assert.Contains("No account matches", await desk.GetAsync($"/desk/patrons?q=nobody-{tag}"));

        var page = await desk.GetAsync($"/desk/patrons/{patron.UserId}");
        Assert.Contains(patron.Email, page);
        Assert.Contains("No certifications yet.", page);
    }

    [Fact]
    public async Task PatronPage_UnknownPatron_NotFound()
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var response = await staff.Http.GetAsync($"/desk/patrons/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task PatronPage_GrantThenRevoke_RevocationCancelsTheReservationThatNeededIt()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var safety = await admin.Http.CertificationAsync(validityMonths: 12);
        var branch = await host.BranchAsync(Zone);
        var cutter = await host.ResourceAsync(branch.Id, KnownKinds.LaserCutter);
        await host.RequireAsync(cutter.Id, safety);
        var patron = await host.SignInNewAsync();
        var desk = await DeskAsync();
        var page = $"/desk/patrons/{patron.UserId}";

        var (_, granted, _) = await desk.SubmitAsync(page, $"{page}?handler=Grant", new Dictionary<string, string> { ["CertificationId"] = safety.ToString() });
        Assert.Contains("Granted", granted);
        Assert.Contains("until Tuesday, January 12, 2027", granted);
        var grantId = await host.InScopeAsync(db => db.CertificationGrants.Where(g => g.PatronId == patron.UserId).Select(g => g.Id).SingleAsync());

        var start = host.Clock.DaysAhead(Zone, 2, 10);
        var reservationId = (await (await patron.Http.BookAsync(cutter.Id, start, start.AddMinutes(30))).JsonAsync()).GetProperty("id").GetGuid();
        Assert.Contains(cutter.Name, await desk.GetAsync(page));

        var (_, revoked, _) = await desk.SubmitAsync(page, $"{page}?handler=Revoke&grantId={grantId}", new Dictionary<string, string> { ["reason"] = "Unsafe use of the cutter" });
        Assert.Contains("Revoked. 1 upcoming reservation that needed it was cancelled", revoked);
        Assert.Contains("revoked: Unsafe use of the cutter", revoked);
        var reservation = await host.InScopeAsync(db => db.Reservations.AsNoTracking().SingleAsync(r => r.Id == reservationId));
        Assert.Equal(ReservationStatus.Cancelled, reservation.Status);
        Assert.Contains("Unsafe use of the cutter", reservation.StatusReason);
    }

    [Fact]
    public async Task PatronPage_RevokeWithoutReason_MessageBesideTheFormNothingChanged()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var safety = await admin.Http.CertificationAsync(validityMonths: null);
        var patron = await host.SignInNewAsync();
        var staff = await host.SignInNewAsync(Roles.Staff);
        var grantId = (await (await staff.Http.GrantAsync(patron.UserId, safety)).JsonAsync()).GetProperty("id").GetGuid();
        var desk = await DeskAsync();
        var page = $"/desk/patrons/{patron.UserId}";

        var (status, html, _) = await desk.SubmitAsync(page, $"{page}?handler=Revoke&grantId={grantId}", new Dictionary<string, string> { ["reason"] = "  " });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"problem-revoke\"", html);
        Assert.Contains("Give a reason for the revocation", html);
        Assert.Null(await host.InScopeAsync(db => db.CertificationGrants.Where(g => g.Id == grantId).Select(g => g.RevokedAtUtc).SingleAsync()));
    }

    [Fact]
    public async Task PatronPage_GrantHeldAlready_MessageBesideTheForm()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var safety = await admin.Http.CertificationAsync(validityMonths: 12);
        var patron = await host.SignInNewAsync();
        var desk = await DeskAsync();
        var page = $"/desk/patrons/{patron.UserId}";
        await desk.SubmitAsync(page, $"{page}?handler=Grant", new Dictionary<string, string> { ["CertificationId"] = safety.ToString() });

        var (status, again, _) = await desk.SubmitAsync(page, $"{page}?handler=Grant", new Dictionary<string, string> { ["CertificationId"] = safety.ToString() });
        var (_, past, _) = await desk.SubmitAsync(page, $"{page}?handler=Grant", new Dictionary<string, string> { ["CertificationId"] = safety.ToString(), ["ExpiresOn"] = "2025-01-01" });
        var (_, none, _) = await desk.SubmitAsync(page, $"{page}?handler=Grant", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"problem-grant\"", again);
        Assert.Contains("already holds", again);
        Assert.Contains("The expiry must be in the future", past);
        Assert.Contains("Choose a certification to grant", none);
        Assert.Equal(1, await host.InScopeAsync(db => db.CertificationGrants.CountAsync(g => g.PatronId == patron.UserId)));
    }

    [Fact]
    public async Task PatronPage_BookOnBehalfInsideTheLeadTime_BookedAndOverrideAudited()
    {
        var branch = await host.BranchAsync(Zone, opens: 6);
        var cutter = await host.ResourceAsync(branch.Id, KnownKinds.LaserCutter);
        var patron = await host.SignInNewAsync();
        var desk = await DeskAsync();
        var page = $"/desk/patrons/{patron.UserId}";
        var now = TimeZoneInfo.ConvertTime(host.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(Zone));
        var start = now.Date.AddHours(now.Hour).AddMinutes((now.Minute / 15 + 1) * 15); // the next quarter hour: inside the cutter's 30-minute lead time

        var (_, html, landed) = await desk.SubmitAsync(page, $"{page}?handler=Book", new Dictionary<string, string>
        {
            ["ResourceId"] = cutter.Id.ToString(),
            ["Date"] = start.ToString("yyyy-MM-dd"),
            ["StartTime"] = start.ToString("HH:mm"),
            ["EndTime"] = start.AddMinutes(30).ToString("HH:mm"),
            ["Notes"] = "Walked up to the desk",
        });

        Assert.Equal(page, landed?.AbsolutePath);
        Assert.Contains($"Booked {cutter.Name}", html);
        Assert.Contains("the override is in the audit log", html);
        var reservation = await host.InScopeAsync(db => db.Reservations.AsNoTracking().SingleAsync(r => r.ResourceId == cutter.Id));
        Assert.Equal(patron.UserId, reservation.PatronId);
        Assert.True(reservation.CreatedOnBehalf);
        var audit = await host.InScopeAsync(db => db.AuditLog.Where(a => a.Subject == $"reservation:{reservation.Id}").Select(a => a.Action).SingleAsync());
        Assert.Equal("reservation.override", audit);
    }

    [Fact]
    public async Task PatronPage_BookOnBehalfOutsideOpeningHours_ReasonBesideTheFormNothingWritten()
    {
        var branch = await host.BranchAsync(Zone, opens: 8, closes: 20);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var patron = await host.SignInNewAsync();
        var desk = await DeskAsync();
        var page = $"/desk/patrons/{patron.UserId}";
        var day = host.Clock.DaysAhead(Zone, 3, 0).ToString("yyyy-MM-dd");

        var (status, html, _) = await desk.SubmitAsync(page, $"{page}?handler=Book", new Dictionary<string, string>
        {
            ["ResourceId"] = printer.Id.ToString(),
            ["Date"] = day,
            ["StartTime"] = "20:00",
            ["EndTime"] = "21:00",
        });
        var (_, missing, _) = await desk.SubmitAsync(page, $"{page}?handler=Book", new Dictionary<string, string> { ["ResourceId"] = printer.Id.ToString(), ["Date"] = day });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"problem-book\"", html);
        Assert.Contains("This time cannot be booked", html);
        Assert.Contains("opening period", html);
        Assert.Contains("give a date, a start time and an end time", missing);
        Assert.Equal(0, await host.InScopeAsync(db => db.Reservations.CountAsync(r => r.ResourceId == printer.Id)));
    }

    [Fact]
    public async Task PatronPage_LiftSuspension_LiftedAndAudited()
    {
        var patron = await host.SignInNewAsync();
        var now = host.Clock.GetUtcNow().UtcDateTime;
        var suspension = new BookingSuspension(patron.UserId, KnownKinds.LaserCutter, now.AddDays(-1), now.AddDays(13), "Three no-shows in 60 days.");
        await host.InScopeAsync(db =>
        {
            db.BookingSuspensions.Add(suspension);
            return db.SaveChangesAsync();
        });
        var desk = await DeskAsync();
        var page = $"/desk/patrons/{patron.UserId}";
        Assert.Contains("Three no-shows in 60 days.", await desk.GetAsync(page));

        var (_, html, _) = await desk.SubmitAsync(page, $"{page}?handler=Lift&suspensionId={suspension.Id}", new Dictionary<string, string>());
        var (_, twice, _) = await desk.SubmitAsync(page, $"{page}?handler=Lift&suspensionId={suspension.Id}", new Dictionary<string, string>());

        Assert.Contains("Lifted the laser-cutter suspension", html);
        Assert.Contains("No suspension in force.", html);
        Assert.Contains("not in force", twice);
        Assert.NotNull(await host.InScopeAsync(db => db.BookingSuspensions.Where(s => s.Id == suspension.Id).Select(s => s.LiftedAtUtc).SingleAsync()));
        Assert.Equal(1, await host.InScopeAsync(db => db.AuditLog.CountAsync(a => a.Action == "suspension.lift" && a.Subject == $"patron:{patron.UserId}")));
    }

    [Fact]
    public async Task Maintenance_Block_CancelsTheCollidingReservation_SaysHowMany_ThenLift()
    {
        var branch = await host.BranchAsync(Zone);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var patron = await host.SignInNewAsync();
        var start = host.Clock.DaysAhead(Zone, 4, 10);
        var reservationId = (await (await patron.Http.BookAsync(printer.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
        var desk = await DeskAsync();
        var page = $"/desk/maintenance?locationId={branch.Id}";
        var day = start.ToString("yyyy-MM-dd");

        var (_, html, _) = await desk.SubmitAsync(page, $"/desk/maintenance?handler=Block&locationId={branch.Id}", new Dictionary<string, string>
        {
            ["ResourceId"] = printer.Id.ToString(),
            ["Start"] = $"{day}T09:30",
            ["End"] = $"{day}T12:00",
            ["Reason"] = "Nozzle replacement",
        });

        Assert.Contains("1 colliding reservation was cancelled", html);
        Assert.Contains("Nozzle replacement", html);
        Assert.Equal(ReservationStatus.Cancelled, await host.InScopeAsync(db => db.Reservations.Where(r => r.Id == reservationId).Select(r => r.Status).SingleAsync()));
        var block = await host.InScopeAsync(db => db.MaintenanceBlocks.AsNoTracking().SingleAsync(b => b.ResourceId == printer.Id));
        Assert.Equal(Local(Zone, $"{day}T09:30").UtcDateTime, block.StartsAtUtc);

        var (_, lifted, _) = await desk.SubmitAsync(page, $"/desk/maintenance?handler=Lift&locationId={branch.Id}&resourceId={printer.Id}&blockId={block.Id}", new Dictionary<string, string>());
        Assert.Contains("Lifted.", lifted);
        Assert.Contains("No maintenance blocks now or ahead.", lifted);
        Assert.True(await host.InScopeAsync(db => db.MaintenanceBlocks.Where(b => b.Id == block.Id).Select(b => b.LiftedAtUtc != null).SingleAsync()));
    }

    [Theory]
    [InlineData("T12:00", "T10:00", "Nozzle", "The end must be after the start.")]
    [InlineData("T10:00", "T12:00", " ", "Say why")]
    [InlineData("", "T12:00", "Nozzle", "Give the start and the end")]
    [InlineData("Tnoon", "T12:00", "Nozzle", "Give the start and the end")]
    public async Task Maintenance_BadInput_MessageBesideTheFormNothingWritten(string start, string end, string reason, string message)
    {
        var branch = await host.BranchAsync(Zone);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var desk = await DeskAsync();
        var day = host.Clock.DaysAhead(Zone, 5, 0).ToString("yyyy-MM-dd");

        var (status, html, _) = await desk.SubmitAsync($"/desk/maintenance?locationId={branch.Id}", $"/desk/maintenance?handler=Block&locationId={branch.Id}", new Dictionary<string, string>
        {
            ["ResourceId"] = printer.Id.ToString(),
            ["Start"] = start.Length == 0 ? "" : day + start,
            ["End"] = day + end,
            ["Reason"] = reason,
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"problem-block\"", html);
        Assert.Contains(message, html);
        Assert.Equal(0, await host.InScopeAsync(db => db.MaintenanceBlocks.CountAsync(b => b.ResourceId == printer.Id)));
    }

    [Fact]
    public async Task Maintenance_ResourceOfAnotherBranch_Refused()
    {
        var branch = await host.BranchAsync(Zone);
        var other = await host.BranchAsync(Zone);
        var printer = await host.ResourceAsync(other.Id, KnownKinds.Printer3D);
        await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var desk = await DeskAsync();
        var day = host.Clock.DaysAhead(Zone, 5, 0).ToString("yyyy-MM-dd");

        var (_, html, _) = await desk.SubmitAsync($"/desk/maintenance?locationId={branch.Id}", $"/desk/maintenance?handler=Block&locationId={branch.Id}", new Dictionary<string, string>
        {
            ["ResourceId"] = printer.Id.ToString(),
            ["Start"] = $"{day}T10:00",
            ["End"] = $"{day}T11:00",
            ["Reason"] = "Nozzle",
        });

        Assert.Contains("Choose a resource of this branch.", html);
        Assert.Equal(0, await host.InScopeAsync(db => db.MaintenanceBlocks.CountAsync(b => b.ResourceId == printer.Id)));
    }

    private async Task<PageSession> DeskAsync()
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var desk = new PageSession(host);
        await desk.SignInAsync(staff.Email, MakerspaceHost.Password);
        return desk;
    }
}
