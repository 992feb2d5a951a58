using System.Net;
using System.Net.Http.Json;
using Booking.IntegrationTests.Foundation;
using Booking.IntegrationTests.Infrastructure;

namespace Booking.IntegrationTests.Networking;

/// <summary>Networking writes are limited per person, like booking writes: 429 <c>rate-limited</c>, reads still answered, others unaffected.</summary>
public sealed class NetworkingRateLimitTests(RateLimitHost host) : IClassFixture<RateLimitHost>
{
    [Fact]
    public async Task NetworkingWrites_OverTheLimit_429_ReadsAndOtherPeopleUnaffected()
    {
        var patron = await host.SignInNewAsync();
        var other = await host.SignInNewAsync();
        for (var i = 0; i < RateLimitHost.Attempts; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await patron.Http.PutAsJsonAsync("/api/v1/me/networking-profile", new { displayName = $"Ana {i}" })).StatusCode);
        }

        await (await patron.Http.PutAsJsonAsync("/api/v1/me/networking-profile", new { displayName = "Ana again" })).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited");
        await (await patron.Http.PostAsJsonAsync($"/api/v1/sessions/{Guid.NewGuid()}/connection-requests", new { attendeeId = Guid.NewGuid() })).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.Equal(HttpStatusCode.OK, (await patron.Http.GetAsync("/api/v1/me/networking-profile")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.Http.PutAsJsonAsync("/api/v1/me/networking-profile", new { displayName = "Ben" })).StatusCode);
    }
}
