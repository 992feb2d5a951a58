using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using Booking.IntegrationTests.Infrastructure;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Booking.IntegrationTests.Security;

/// <summary>Bearer tokens are unprotected once per node and remembered (<see cref="RememberedBearerTokens"/>), without
/// letting an expired, altered or foreign token through.</summary>
public sealed class BearerTokenTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    [Fact]
    public void App_BearerScheme_RemembersTokens()
    {
        var options = host.Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme);

        Assert.IsType<RememberedBearerTokens>(options.BearerTokenProtector);
    }

    [Fact]
    public async Task Api_RememberedToken_RefusedOnceItExpires()
    {
        var patron = await host.SignInNewAsync();
        Assert.Equal(HttpStatusCode.OK, (await patron.Http.GetAsync("/api/v1/reservations/mine")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await patron.Http.GetAsync("/api/v1/reservations/mine")).StatusCode);

        // Identity's bearer tokens last an hour; the remembered ticket keeps its expiry, judged on the app's clock.
        host.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Unauthorized, (await patron.Http.GetAsync("/api/v1/reservations/mine")).StatusCode);
    }

    [Fact]
    public async Task Api_AlteredToken_UnauthorizedAndTheRealOneStillWorks()
    {
        var patron = await host.SignInNewAsync();
        var token = patron.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        Assert.Equal(HttpStatusCode.OK, (await patron.Http.GetAsync("/api/v1/reservations/mine")).StatusCode);
        var middle = token.Length / 2;
        var altered = token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..];

        using var client = host.CreateClient();
        foreach (var bearer in new[] { altered, altered, token + "A", "not-a-token" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reservations/mine");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await patron.Http.GetAsync("/api/v1/reservations/mine")).StatusCode);
    }

    [Fact]
    public void Unprotect_SameToken_DecryptedOnceEachCallGetsItsOwnTicket()
    {
        var inner = new CountingFormat();
        using var remembered = new RememberedBearerTokens(inner);

        var first = remembered.Unprotect("token-1");
        first!.Principal.Identities.Single().AddClaim(new Claim("added", "by a request"));
        first.Properties.Items["changed"] = "by a request";
        var second = remembered.Unprotect("token-1");

        Assert.Equal(1, inner.Unprotected);
        Assert.NotSame(first, second);
        Assert.Null(second!.Principal.FindFirst("added"));
        Assert.False(second.Properties.Items.ContainsKey("changed"));
        Assert.Equal("token-1", second.Principal.Identity!.Name);
    }

    [Fact]
    public void Unprotect_TokenThatDoesNotUnprotect_NullAndNotRemembered()
    {
        var inner = new CountingFormat();
        using var remembered = new RememberedBearerTokens(inner);

        Assert.Null(remembered.Unprotect("forged"));
        Assert.Null(remembered.Unprotect("forged"));
        Assert.Null(remembered.Unprotect(""));
        Assert.Null(remembered.Unprotect(null));

        Assert.Equal(4, inner.Unprotected);
    }

    [Fact]
    public void Unprotect_OtherPurpose_NotTheSameTicket()
    {
        var inner = new CountingFormat();
        using var remembered = new RememberedBearerTokens(inner);

        remembered.Unprotect("token-1");
        remembered.Unprotect("token-1", "another purpose");

        Assert.Equal(2, inner.Unprotected);
    }

    /// <summary>Unprotects any token but "forged" into a ticket named after it, and counts the calls.</summary>
    private sealed class CountingFormat : ISecureDataFormat<AuthenticationTicket>
    {
        public int Unprotected { get; private set; }

        public string Protect(AuthenticationTicket data) => throw new NotSupportedException();

        public string Protect(AuthenticationTicket data, string? purpose) => throw new NotSupportedException();

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Unprotected++;
            return protectedText is null or "" or "forged"
                ? null
                : new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, protectedText)], "test")), new AuthenticationProperties(), "test");
        }
    }
}
