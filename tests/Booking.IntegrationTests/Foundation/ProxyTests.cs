using System.Net;
using System.Net.Http.Json;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.IntegrationTests.Foundation;

/// <summary>Behind nginx with TLS: the public address is https, and one proxy (10.0.0.5) is trusted besides loopback.</summary>
public sealed class ProxiedHost : MakerspaceHost
{
    public const string TrustedProxy = "10.0.0.5";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Site:PublicUrl"] = "https://makerspace.library.example",
        ["Proxy:KnownProxies"] = TrustedProxy,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, TestPeer>());
    }

    /// <summary>A client that reaches the app as nginx would: from <paramref name="peer"/>, for the public host.</summary>
    public HttpClient Through(string peer, bool tls = true)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://makerspace.library.example"), AllowAutoRedirect = false });
        TestPeer.From(client, peer);
        if (tls)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        }

        return client;
    }
}

/// <summary>Forwarded headers from trusted proxies only; https redirect, HSTS and Secure cookies under an https public address; only the public host answered.</summary>
public sealed class ProxyTests(ProxiedHost host) : IClassFixture<ProxiedHost>
{
    [Fact]
    public async Task TrustedProxyWithTls_PageServed_WithHsts()
    {
        var page = await host.Through(ProxiedHost.TrustedProxy).GetAsync("/sessions");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("max-age=31536000", page.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task PlainHttp_RedirectedToThePublicHttpsAddress_NotTheRequestHost()
    {
        var client = host.Through(ProxiedHost.TrustedProxy, tls: false);
        client.DefaultRequestHeaders.Host = "127.0.0.1";
        var answer = await client.GetAsync("/sessions?kind=training");
        Assert.Equal(HttpStatusCode.PermanentRedirect, answer.StatusCode);
        Assert.Equal("https://makerspace.library.example/sessions?kind=training", answer.Headers.Location?.ToString());
        Assert.False(answer.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task UntrustedPeer_ForwardedProtoIgnored_StillRedirected()
    {
        var answer = await host.Through("203.0.113.9").GetAsync("/sessions");
        Assert.Equal(HttpStatusCode.PermanentRedirect, answer.StatusCode);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_AnsweredOverPlainHttp_ForTheProxysProbe(string path)
    {
        var client = host.Through("127.0.0.1", tls: false);
        client.DefaultRequestHeaders.Host = "127.0.0.1";
        var answer = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var body = await answer.Content.ReadAsStringAsync();
        // /health answers in plain text; live and ready in JSON, naming their checks.
        Assert.Equal("Healthy", path == "/health" ? body : System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task SignInCookie_IsSecure()
    {
        var patron = await host.SignInNewAsync(); // an account to sign in as
        var login = await host.Through(ProxiedHost.TrustedProxy).PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email = patron.Email, password = MakerspaceHost.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("makerspace.library.example.evil.example")]
    public async Task ForeignHost_Refused(string hostHeader)
    {
        var client = host.Through(ProxiedHost.TrustedProxy);
        client.DefaultRequestHeaders.Host = hostHeader;
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/sessions")).StatusCode);
    }
}
