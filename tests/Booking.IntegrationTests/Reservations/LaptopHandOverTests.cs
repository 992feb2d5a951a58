using System.Net;
using Booking.Data.Identity;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Reservations;

/// <summary>A laptop changes hands at the desk: its check-in (hand-over) and completion (return) are staff actions; other kinds keep self check-in.</summary>
public sealed class LaptopHandOverTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    // The host's clock stands at 07:00 local: a booking starting now has its check-in window open.
    private static readonly DateTimeOffset Now = Local(Zone, "2026-01-12T07:00");

    [Fact]
    public async Task CheckInAndComplete_PatronsOwnLaptop_403ForbiddenStaffDoesBoth()
    {
        var (patron, id) = await BookedNowAsync(KnownKinds.Laptop);

        await (await patron.Http.PostAsync($"/api/v1/reservations/{id}/check-in", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(ReservationStatus.Confirmed, await StatusAsync(id));

        var staff = await host.SignInNewAsync(Roles.Staff);
        await (await staff.Http.PostAsync($"/api/v1/reservations/{id}/check-in", null)).JsonAsync();
        await (await patron.Http.PostAsync($"/api/v1/reservations/{id}/complete", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(ReservationStatus.CheckedIn, await StatusAsync(id));

        await (await staff.Http.PostAsync($"/api/v1/reservations/{id}/complete", null)).JsonAsync();
        Assert.Equal(ReservationStatus.Completed, await StatusAsync(id));
    }

    [Fact]
    public async Task CheckIn_PatronsOwnRoom_SelfServiceStays()
    {
        var (patron, id) = await BookedNowAsync(KnownKinds.Room);
        await (await patron.Http.PostAsync($"/api/v1/reservations/{id}/check-in", null)).JsonAsync();
        Assert.Equal(ReservationStatus.CheckedIn, await StatusAsync(id));
    }

    [Fact]
    public async Task CheckInPages_PatronsOwnLaptop_RefusedInWordsNoButton()
    {
        var (patron, id) = await BookedNowAsync(KnownKinds.Laptop);
        var laptopId = await host.InScopeAsync(db => db.Reservations.Where(r => r.Id == id).Select(r => r.ResourceId).SingleAsync());
        var browser = new PageSession(host);
        await browser.SignInAsync(patron.Email, MakerspaceHost.Password);

        var mine = await browser.GetAsync("/reservations/mine");
        Assert.Contains("Collect the laptop at the desk", mine);
        Assert.DoesNotContain("handler=CheckIn", mine);

        var page = $"/resources/{laptopId}/check-in";
        var (_, html, _) = await browser.SubmitAsync(page, page, new Dictionary<string, string> { ["reservationId"] = id.ToString() });
        Assert.Contains("handed over and taken back at the desk", html);
        Assert.Equal(ReservationStatus.Confirmed, await StatusAsync(id));
    }

    private async Task<(SignedInClient Patron, Guid Id)> BookedNowAsync(string kind)
    {
        var branch = await host.BranchAsync(Zone, opens: 6);
        var resource = await host.ResourceAsync(branch.Id, kind);
        var patron = await host.SignInNewAsync();
        var id = (await (await patron.Http.BookAsync(resource.Id, Now, Now.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
        return (patron, id);
    }

    private Task<ReservationStatus> StatusAsync(Guid id) =>
        host.InScopeAsync(db => db.Reservations.Where(r => r.Id == id).Select(r => r.Status).SingleAsync());
}
