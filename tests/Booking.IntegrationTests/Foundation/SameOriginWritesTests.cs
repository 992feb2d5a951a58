using System.Net;
using System.Net.Http.Json;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Foundation;

/// <summary>
/// A JSON API change sent with the sign-in cookie must come from the site's own pages (CSRF): another site's
/// page can make the browser send the cookie, but not claim to be this origin. Bearer calls are unaffected.
/// </summary>
public sealed class SameOriginWritesTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData(null, null)]
    public async Task CookieCancel_NotFromThisSite_403_ReservationKept(string? header, string? value)
    {
        var (cookie, id) = await CookiePatronWithReservationAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/reservations/{id}/cancel");
        if (header is not null)
        {
            request.Headers.Add(header, value);
        }

        var answer = await cookie.SendAsync(request);

        await answer.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(ReservationStatus.Confirmed, await StatusAsync(id));
    }

    [Theory]
    [InlineData("Origin", "http://localhost")]
    [InlineData("Sec-Fetch-Site", "same-origin")]
    public async Task CookieCancel_FromThisSite_Cancelled(string header, string value)
    {
        var (cookie, id) = await CookiePatronWithReservationAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/reservations/{id}/cancel");
        request.Headers.Add(header, value);

        Assert.Equal(HttpStatusCode.OK, (await cookie.SendAsync(request)).StatusCode);
        Assert.Equal(ReservationStatus.Cancelled, await StatusAsync(id));
    }

    [Fact]
    public async Task BearerCancel_WithAForeignOrigin_Cancelled()
    {
        var patron = await host.SignInNewAsync();
        var id = await BookAsync(patron.Http);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/reservations/{id}/cancel");
        request.Headers.Add("Origin", "https://evil.example");

        Assert.Equal(HttpStatusCode.OK, (await patron.Http.SendAsync(request)).StatusCode);
        Assert.Equal(ReservationStatus.Cancelled, await StatusAsync(id));
    }

    private async Task<(HttpClient Cookie, Guid ReservationId)> CookiePatronWithReservationAsync()
    {
        var patron = await host.SignInNewAsync();
        var id = await BookAsync(patron.Http);
        var cookie = host.CreateClient(); // keeps cookies (a session cookie: a persistent one would carry the fake clock's expiry, long past for the real cookie jar)
        var login = await cookie.PostAsJsonAsync("/api/v1/auth/login?useSessionCookies=true", new { email = patron.Email, password = MakerspaceHost.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync($"/api/v1/reservations/{id}")).StatusCode); // the cookie signs in
        return (cookie, id);
    }

    private async Task<Guid> BookAsync(HttpClient patron)
    {
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var start = host.Clock.DaysAhead(Zone, 2, 10);
        return (await (await patron.BookAsync(room.Id, start, start.AddHours(1))).JsonAsync()).GetProperty("id").GetGuid();
    }

    private Task<ReservationStatus> StatusAsync(Guid id) => host.InScopeAsync(db => db.Reservations.Where(r => r.Id == id).Select(r => r.Status).SingleAsync());
}
