using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Resources;

/// <summary>Self check-in through a resource's printed QR sign, inside the window and refused outside it.</summary>
public sealed class QrCheckInPagesTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Sign_ShowsQrCodeOfTheCheckInAddress()
    {
        var branch = await host.BranchAsync(Zone);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var html = await new PageSession(host).GetAsync($"/resources/{printer.Id}/sign");
        Assert.Contains("<svg", html);
        Assert.Contains($"/resources/{printer.Id}/check-in", html);
        Assert.Contains("role=\"img\"", html);
    }

    [Fact]
    public async Task CheckIn_InsideWindow_CheckedIn_OutsideOrNotYoursExplained()
    {
        var branch = await host.BranchAsync(Zone, opens: 6);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room, new PolicyOverride { MaxActiveReservations = 5 }); // check-in opens 15 minutes before
        var now = Local(Zone, "2026-01-12T07:00");
        var patron = await host.SignInNewAsync();
        var dueNow = (await (await patron.Http.BookAsync(room.Id, now, now.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
        await (await patron.Http.BookAsync(room.Id, now.AddHours(4), now.AddHours(5))).JsonAsync();

        var stranger = new PageSession(host);
        await stranger.SignInAsync((await host.SignInNewAsync()).Email, MakerspaceHost.Password);
        Assert.Contains("no reservation of", await stranger.GetAsync($"/resources/{room.Id}/check-in"));

        var browser = new PageSession(host);
        await browser.SignInAsync(patron.Email, MakerspaceHost.Password);
        var page = $"/resources/{room.Id}/check-in";
        var (_, landed, url) = await browser.SubmitAsync(page, page, new Dictionary<string, string> { ["reservationId"] = dueNow.ToString() });
        Assert.Equal("/reservations/mine", url?.AbsolutePath);
        Assert.Contains("Checked in.", landed);
        Assert.Equal(ReservationStatus.CheckedIn, await host.InScopeAsync(db => db.Reservations.Where(r => r.Id == dueNow).Select(r => r.Status).SingleAsync()));

        // The later booking's window is not open yet: the page says when it opens (the day too), as information, and offers no button.
        var later = await browser.GetAsync(page);
        Assert.Contains("<p class=\"alert\" role=\"status\">Check-in for your reservation at 11:00 AM opens on Mon, Jan 12 at 10:45 AM. Come back then.</p>", later);
        Assert.DoesNotContain("role=\"alert\"", later);
        Assert.DoesNotContain("Check in now", later);
    }
}
