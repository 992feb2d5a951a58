using System.Net;
using System.Net.Http.Json;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Foundation;

/// <summary>A host with the abuse limits on, and small enough to reach in a test.</summary>
public sealed class RateLimitHost : MakerspaceHost
{
    public const int Attempts = 3;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:Enabled"] = "true",
        ["RateLimits:Accounts:PermitLimit"] = Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits:Accounts:Window"] = "1h",
        ["RateLimits:Bookings:PermitLimit"] = Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits:Bookings:Window"] = "1h",
        ["RateLimits:Networking:PermitLimit"] = Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits:Networking:Window"] = "1h",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, TestPeer>());
    }
}

/// <summary>
/// Sign-in, registration and password reset are limited per client address; booking writes per person. The
/// limited answer is 429 <c>rate-limited</c> with <c>Retry-After</c>. (TestServer's requests all come from one
/// address, as a library's public computers behind one router do.)
/// </summary>
public sealed class RateLimitTests(RateLimitHost host) : IClassFixture<RateLimitHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task AccountAttempts_OverTheLimit_429WithRetryAfter_ReadsStillAnswered()
    {
        var client = TestPeer.From(host.CreateClient(), "192.0.2.10");
        for (var i = 0; i < RateLimitHost.Attempts; i++)
        {
            var guess = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = $"guess-{i}@example.test", password = "Guess-pass-1" });
            Assert.Equal(HttpStatusCode.Unauthorized, guess.StatusCode);
        }

        var limited = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "guess@example.test", password = "Guess-pass-1" });
        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After says when to come back");

        var register = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = "x@example.test", password = "Brand-new-pass-1" });
        Assert.Equal(HttpStatusCode.TooManyRequests, register.StatusCode);
        var forgot = await client.PostAsync("/account/forgot-password", new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "x@example.test" }));
        Assert.Equal(HttpStatusCode.TooManyRequests, forgot.StatusCode);
        Assert.Contains("Too many attempts", await forgot.Content.ReadAsStringAsync());

        // Reading the sign-in page is not an attempt, and another address has its own budget.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/sign-in")).StatusCode);
        var elsewhere = TestPeer.From(host.CreateClient(), "192.0.2.11");
        Assert.Equal(HttpStatusCode.Unauthorized, (await elsewhere.PostAsJsonAsync("/api/v1/auth/login", new { email = "guess@example.test", password = "Guess-pass-1" })).StatusCode);
    }

    [Fact]
    public async Task BookingWrites_OverTheLimit_429ForThatPatronOnly()
    {
        // Two sign-ins from the test's own address: within its budget of three.
        var first = (await host.SignInNewAsync()).Http;
        var second = (await host.SignInNewAsync()).Http;
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var start = host.Clock.DaysAhead(Zone, 3, 9);

        for (var i = 0; i < RateLimitHost.Attempts; i++)
        {
            var booked = await first.BookAsync(room.Id, start.AddHours(i), start.AddHours(i).AddMinutes(30));
            Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        }

        var limited = await first.BookAsync(room.Id, start.AddHours(5), start.AddHours(5).AddMinutes(30));
        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.Equal(HttpStatusCode.Created, (await second.BookAsync(room.Id, start.AddHours(6), start.AddHours(6).AddMinutes(30))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/v1/reservations/mine")).StatusCode);
        Assert.Equal(RateLimitHost.Attempts + 1, await host.InScopeAsync(db => db.Reservations.CountAsync(r => r.ResourceId == room.Id)));
    }

    [Fact]
    public void Defaults_On_WithTheDocumentedLimits()
    {
        var limits = RateLimits.Read(new ConfigurationBuilder().Build());
        Assert.Equal(new RateLimits(true, 20, TimeSpan.FromMinutes(5), 30, TimeSpan.FromMinutes(1)), limits);
    }
}
