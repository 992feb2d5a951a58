using Booking.Data;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Infrastructure;
using Booking.Web.Infrastructure;
using Microsoft.Extensions.Configuration;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Foundation;

/// <summary>A host whose links leave the site through the configured public address, not the request's Host.</summary>
public sealed class PublicAddressHost : MakerspaceHost
{
    public const string PublicUrl = "https://makerspace.library.example/";

    // Behind the TLS proxy requests arrive as https; plain http would be redirected (ProxyTests).
    public PublicAddressHost() => ClientOptions.BaseAddress = new Uri("https://localhost");

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings) { ["Site:PublicUrl"] = PublicUrl };
}

/// <summary><c>Site:PublicUrl</c>: QR signs and calendar feeds point at it; a malformed value stops start-up naming the key.</summary>
public sealed class PublicAddressTests(PublicAddressHost host) : IClassFixture<PublicAddressHost>
{
    [Fact]
    public async Task Configured_SignAndFeedLinksUseIt_NotTheRequestHost()
    {
        var branch = await host.BranchAsync();
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);

        var sign = await new PageSession(host).GetAsync($"/resources/{printer.Id}/sign");
        Assert.Contains($"https://makerspace.library.example/resources/{printer.Id}/check-in", sign);
        Assert.DoesNotContain("http://localhost/resources/", sign);

        var patron = await host.SignInNewAsync();
        var feed = await (await patron.Http.GetAsync("/api/v1/calendar/me/feed-url")).JsonAsync();
        Assert.StartsWith("https://makerspace.library.example/calendar/patrons/", feed.GetProperty("url").GetString());
    }

    [Theory]
    [InlineData("makerspace.library.example")]
    [InlineData("ftp://makerspace.library.example")]
    [InlineData("https://makerspace.library.example/?x=1")]
    public void Malformed_StopsStartUp_NamingTheKey(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Site:PublicUrl"] = value }).Build();
        var problem = Assert.Throws<ConfigurationProblem>(() => PublicAddress.From(configuration, isDevelopment: true));
        Assert.Contains("Site:PublicUrl", problem.Message);
    }

    [Fact]
    public void WithPath_LinksKeepIt()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Site:PublicUrl"] = "https://library.example/makerspace" }).Build();
        var request = new Microsoft.AspNetCore.Http.DefaultHttpContext().Request;
        Assert.Equal("https://library.example/makerspace/account/sign-in", PublicAddress.From(configuration, isDevelopment: false).Link(request, "/account/sign-in"));
    }
}
