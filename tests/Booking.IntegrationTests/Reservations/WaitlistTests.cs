using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.Web.Features.Waitlist;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Reservations;

/// <summary>The waiting list: first in line still eligible gets the offer, held for them alone, exactly once.</summary>
public sealed class WaitlistTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task TwoCancellationsRace_OneWaiter_OfferedExactlyOnce()
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room, new PolicyOverride { BufferAfterMinutes = 0 });
        var a = await host.SignInNewAsync();
        var b = await host.SignInNewAsync();
        var waiter = await host.SignInNewAsync();
        var start = Local(Zone, "2026-01-16T10:00");
        var first = await (await a.Http.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync();
        var secondHalf = await (await b.Http.BookAsync(room.Id, start.AddHours(1), start.AddHours(2))).JsonAsync();
        // The waiter wants 10:30–11:30: freed only when both cancel; each cancellation tries to offer it.
        await (await waiter.Http.PostAsJsonAsync("/api/v1/waitlist", new { resourceId = room.Id, start = start.AddMinutes(30), end = start.AddMinutes(90) })).JsonAsync();

        await Task.WhenAll(
            Task.Run(() => a.Http.PostAsync($"/api/v1/reservations/{first.GetProperty("id").GetGuid()}/cancel", null)),
            Task.Run(() => b.Http.PostAsync($"/api/v1/reservations/{secondHalf.GetProperty("id").GetGuid()}/cancel", null)));

        var offers = await host.InScopeAsync(db => db.Reservations.Where(r => r.PatronId == waiter.UserId).ToListAsync());
        var offer = Assert.Single(offers);
        Assert.True(offer.IsAwaitingPatron);
        var entry = await host.InScopeAsync(db => db.WaitlistEntries.SingleAsync(w => w.PatronId == waiter.UserId));
        Assert.Equal(WaitlistStatus.Offered, entry.Status);
        Assert.Equal(offer.Id, entry.OfferedReservationId);
    }

    [Fact]
    public async Task Join_FreeSlot_409BookItInstead()
    {
        var branch = await host.BranchAsync(Zone);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var patron = await host.SignInNewAsync();
        var start = Local(Zone, "2026-01-15T10:00");
        var response = await patron.Http.PostAsJsonAsync("/api/v1/waitlist", new { resourceId = printer.Id, start, end = start.AddHours(1) });
        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "conflict");
    }

    [Fact]
    public async Task MaintenanceLifted_WaiterOffered()
    {
        var branch = await host.BranchAsync(Zone);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var staff = await host.SignInNewAsync(Data.Identity.Roles.Staff);
        var holder = await host.SignInNewAsync();
        var waiter = await host.SignInNewAsync();
        var start = Local(Zone, "2026-01-17T10:00");
        await (await holder.Http.BookAsync(printer.Id, start, start.AddHours(1))).JsonAsync();
        await (await waiter.Http.PostAsJsonAsync("/api/v1/waitlist", new { resourceId = printer.Id, start, end = start.AddHours(1) })).JsonAsync();

        var block = await (await staff.Http.PostAsJsonAsync($"/api/v1/resources/{printer.Id}/maintenance", new { start, end = start.AddHours(2), reason = "Extruder jam" })).JsonAsync();
        Assert.Single(block.GetProperty("cancelledReservationIds").EnumerateArray());
        Assert.Equal(JsonValueKind.Undefined, (await OfferOfAsync(waiter, allowNone: true)).ValueKind);

        await (await staff.Http.PostAsync($"/api/v1/resources/{printer.Id}/maintenance/{block.GetProperty("block").GetProperty("id").GetGuid()}/lift", null)).JsonAsync();
        var offer = await OfferOfAsync(waiter);
        Assert.Equal("pending", offer.GetProperty("status").GetString());
    }

    internal static async Task<JsonElement> OfferOfAsync(SignedInClient patron, bool allowNone = false)
    {
        var mine = await patron.Http.GetFromJsonAsync<JsonElement>("/api/v1/reservations/mine");
        var offers = mine.EnumerateArray().Where(r => r.TryGetProperty("offerExpiresAt", out var e) && e.ValueKind == JsonValueKind.String).ToList();
        if (allowNone && offers.Count == 0)
        {
            return default;
        }

        return Assert.Single(offers);
    }
}
