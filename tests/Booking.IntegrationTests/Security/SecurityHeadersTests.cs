using System.Net;
using System.Net.Http.Headers;
using Booking.Data.Identity;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.IntegrationTests.Security;

/// <summary>The app on a real Kestrel port: the test server adds no <c>Server</c> header of its own, Kestrel does.</summary>
public sealed class KestrelHost : MakerspaceHost
{
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public override async Task InitializeAsync()
    {
        UseKestrel(0);
        await base.InitializeAsync();
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
    }
}

/// <summary>Every kind of answer carries the security headers, and none names the server.</summary>
public sealed class SecurityHeadersTests(KestrelHost host) : IClassFixture<KestrelHost>
{
    public static TheoryData<string, HttpStatusCode, string> Answers => new()
    {
        { "/", HttpStatusCode.OK, "text/html" },
        { "/api/v1/locations", HttpStatusCode.OK, "application/json" },
        { $"/api/v1/resources/{Guid.NewGuid()}", HttpStatusCode.NotFound, "application/problem+json" },
        { "/api/v1/reservations/mine", HttpStatusCode.Unauthorized, "" },
        { "/css/site.css", HttpStatusCode.OK, "text/css" },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Get_AnyAnswer_SecurityHeadersAndNoServer(string path, HttpStatusCode status, string mediaType)
    {
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        var response = await client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        if (mediaType.Length > 0)
        {
            Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        }

        var policy = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
        var permissions = Header(response, "Permissions-Policy");
        Assert.Contains("camera=()", permissions, StringComparison.Ordinal);
        Assert.Contains("microphone=()", permissions, StringComparison.Ordinal);
        Assert.Contains("geolocation=()", permissions, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Server"), $"Server: {string.Join(", ", response.Headers.Server)}");
    }

    [Fact]
    public async Task Get_JobsDashboardAsStaff_InlineStylesOnlyThere()
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", staff.Http.DefaultRequestHeaders.Authorization!.Parameter);

        var response = await client.GetAsync("/jobs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = Header(response, "Content-Security-Policy");
        Assert.Contains("style-src 'self' 'unsafe-inline'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal); // scripts fall back to default-src 'self'
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.False(response.Headers.Contains("Server"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"No {name} header on {response.RequestMessage?.RequestUri} ({(int)response.StatusCode})");
}
