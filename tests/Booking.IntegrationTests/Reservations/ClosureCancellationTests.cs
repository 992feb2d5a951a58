using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Reservations;

/// <summary>A closure added after bookings were made cancels them with the reason and tells each patron.</summary>
public sealed class ClosureCancellationTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task AddClosure_OverBookings_CancelledPatronsToldOthersKept()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var a = await host.SignInNewAsync();
        var b = await host.SignInNewAsync();
        var admin = await host.SignInNewAsync(Roles.Admin);
        var onTheDay = Local(Zone, "2026-01-16T10:00");
        var dayAfter = Local(Zone, "2026-01-17T10:00");
        var hitRoom = (await (await a.Http.BookAsync(room.Id, onTheDay, onTheDay.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
        var hitPrinter = (await (await b.Http.BookAsync(printer.Id, onTheDay.AddHours(2), onTheDay.AddHours(3))).JsonAsync()).GetProperty("id").GetGuid();
        var kept = (await (await a.Http.BookAsync(room.Id, dayAfter, dayAfter.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();

        var response = await admin.Http.PostAsJsonAsync($"/api/v1/locations/{branch.Id}/closures", new { date = "2026-01-16", reason = "Burst pipe" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        foreach (var (client, id) in new[] { (a, hitRoom), (b, hitPrinter) })
        {
            var r = await client.Http.GetFromJsonAsync<JsonElement>($"/api/v1/reservations/{id}");
            Assert.Equal("cancelled", r.GetProperty("status").GetString());
            Assert.Contains("Burst pipe", r.GetProperty("statusReason").GetString());
        }

        Assert.Equal("confirmed", (await a.Http.GetFromJsonAsync<JsonElement>($"/api/v1/reservations/{kept}")).GetProperty("status").GetString());
        var told = await host.InScopeAsync(db => db.Notifications.Where(n => n.ReservationId == hitRoom || n.ReservationId == hitPrinter).Select(n => n.RecipientId).ToListAsync());
        Assert.Equal(new[] { a.UserId, b.UserId }.Order(), told.Order());
        await (await a.Http.BookAsync(room.Id, onTheDay, onTheDay.AddHours(1))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "closed");
    }
}
