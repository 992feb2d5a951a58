using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.Web.Features.Waitlist;
using Booking.Workflows.Waitlist;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Booking.IntegrationTests.Infrastructure.TestData;
using static Booking.IntegrationTests.Reservations.WaitlistTests;

namespace Booking.IntegrationTests.Reservations;

/// <summary>
/// An offer that lapses to the next in line. It sweeps every due offer of its host, so it has a host
/// of its own: offers left by other waiting-list tests would otherwise lapse in the same sweep.
/// </summary>
public sealed class WaitlistLapseTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Cancel_WithTwoWaiting_FirstOfferedThenLapsesToSecondWhoAccepts()
    {
        var branch = await host.BranchAsync(Zone);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var holder = await host.SignInNewAsync();
        var first = await host.SignInNewAsync();
        var second = await host.SignInNewAsync();
        var start = Local(Zone, "2026-01-15T10:00");
        var held = await (await holder.Http.BookAsync(printer.Id, start, start.AddHours(1))).JsonAsync();

        var join1 = await (await first.Http.PostAsJsonAsync("/api/v1/waitlist", new { resourceId = printer.Id, start, end = start.AddHours(1) })).JsonAsync();
        var join2 = await (await second.Http.PostAsJsonAsync("/api/v1/waitlist", new { resourceId = printer.Id, start, end = start.AddHours(1) })).JsonAsync();
        Assert.Equal(1, join1.GetProperty("position").GetInt32());
        Assert.Equal(2, join2.GetProperty("position").GetInt32());

        // Someone else cannot grab the slot while it is offered.
        await (await holder.Http.PostAsync($"/api/v1/reservations/{held.GetProperty("id").GetGuid()}/cancel", null)).JsonAsync();
        var offer = await OfferOfAsync(first);
        Assert.Equal("pending", offer.GetProperty("status").GetString());
        Assert.True(offer.TryGetProperty("offerExpiresAt", out var expires) && expires.ValueKind == JsonValueKind.String);
        Assert.Equal(JsonValueKind.Undefined, (await OfferOfAsync(second, allowNone: true)).ValueKind);
        var outsider = await host.SignInNewAsync();
        await (await outsider.Http.BookAsync(printer.Id, start, start.AddHours(1))).ShouldBeProblemAsync(HttpStatusCode.Conflict, "slot-taken");

        // The first does not answer in 30 minutes: the offer lapses and goes to the second.
        host.Clock.Advance(TimeSpan.FromMinutes(31));
        using (var scope = host.Services.CreateScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<WaitlistOffers>().LapseDueOffersAsync(default));
        }

        var lapsed = await first.Http.GetFromJsonAsync<JsonElement>($"/api/v1/reservations/{offer.GetProperty("id").GetGuid()}");
        Assert.Equal("cancelled", lapsed.GetProperty("status").GetString());
        await (await first.Http.PostAsync($"/api/v1/reservations/{offer.GetProperty("id").GetGuid()}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "invalid-state");

        var secondOffer = await OfferOfAsync(second);
        var accepted = await (await second.Http.PostAsync($"/api/v1/reservations/{secondOffer.GetProperty("id").GetGuid()}/accept", null)).JsonAsync();
        Assert.Equal("confirmed", accepted.GetProperty("status").GetString());
        var notices = await host.InScopeAsync(db => db.Notifications.Where(n => n.Kind == "waitlist-offer").Select(n => n.RecipientId).ToListAsync());
        Assert.Equal(1, notices.Count(r => r == first.UserId));
        Assert.Equal(1, notices.Count(r => r == second.UserId));
    }
}
