using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Booking.Data;
using Booking.IntegrationTests.Foundation;
using Booking.IntegrationTests.Infrastructure;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Booking.IntegrationTests.Security;

/// <summary>
/// The Data Protection key ring is in the app's database: what one node protected (sign-in cookie, bearer token,
/// antiforgery token) another node on the same database reads, and so does the app after a restart.
/// </summary>
public sealed partial class KeyRingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SecondNode_SharedDatabase_AcceptsCookieBearerTokenAndAntiforgeryToken()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var first = new KeyRingNode(database);
        await using var second = new KeyRingNode(database);
        await ((IAsyncLifetime)first).InitializeAsync();
        var signIn = await SignInAsync(first);
        var antiforgery = await AntiforgeryAsync(first);
        await ((IAsyncLifetime)second).InitializeAsync();

        await AssertSignedInAsync(second, signIn);
        await AssertAntiforgeryAcceptedAsync(second, antiforgery);
        Assert.Equal(KeyRing.ApplicationName, second.Services.GetRequiredService<IOptions<DataProtectionOptions>>().Value.ApplicationDiscriminator);
        await AssertKeysInDatabaseAsync(second);
    }

    [Fact]
    public async Task Restart_SameDatabase_AcceptsCookieAndBearerToken()
    {
        await using var database = await TestDatabase.CreateAsync();
        var before = new KeyRingNode(database);
        await ((IAsyncLifetime)before).InitializeAsync();
        var signIn = await SignInAsync(before);
        await ((IAsyncLifetime)before).DisposeAsync();

        await using var after = new KeyRingNode(database);
        await ((IAsyncLifetime)after).InitializeAsync();

        await AssertSignedInAsync(after, signIn);
        await AssertKeysInDatabaseAsync(after);
    }

    [Fact]
    public async Task Certificate_KeysEncryptedAtRest_SecondNodeWithTheCertificateReadsThem()
    {
        await using var database = await TestDatabase.CreateAsync();
        var folder = Directory.CreateTempSubdirectory("makerspace-cert-");
        try
        {
            var settings = new Dictionary<string, string?>
            {
                [KeyRing.CertificatePathKey] = WriteCertificate(folder, "pfx-password-1"),
                [KeyRing.CertificatePasswordKey] = "pfx-password-1",
            };
            await using var first = new KeyRingNode(database, settings);
            await ((IAsyncLifetime)first).InitializeAsync();
            var signIn = await SignInAsync(first);

            var stored = await KeyXmlAsync(first);
            var xml = Assert.Single(stored);
            output.WriteLine(xml);
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.Contains("EncryptedXml", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);

            await using var second = new KeyRingNode(database, settings);
            await ((IAsyncLifetime)second).InitializeAsync();
            await AssertSignedInAsync(second, signIn);

            // Without the certificate the stored key is unreadable: the token is refused, not accepted.
            await using var stranger = new KeyRingNode(database);
            await ((IAsyncLifetime)stranger).InitializeAsync();
            Assert.Equal(HttpStatusCode.Unauthorized, (await GetMineAsync(stranger, bearer: signIn.Bearer)).StatusCode);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Certificate_MissingFile_StopsNamingThePath()
    {
        var problem = Assert.Throws<ConfigurationProblem>(() => KeyRing.ReadCertificate(
            Configuration((KeyRing.CertificatePathKey, "/nowhere/keys.pfx"), (KeyRing.CertificatePasswordKey, "x")), Path.GetTempPath()));

        Assert.Contains(KeyRing.CertificatePathKey, problem.Message, StringComparison.Ordinal);
        Assert.Contains("/nowhere/keys.pfx", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Certificate_WrongPassword_StopsNamingThePassword()
    {
        var folder = Directory.CreateTempSubdirectory("makerspace-cert-");
        try
        {
            var path = WriteCertificate(folder, "right-password");

            var problem = Assert.Throws<ConfigurationProblem>(() => KeyRing.ReadCertificate(
                Configuration((KeyRing.CertificatePathKey, path), (KeyRing.CertificatePasswordKey, "wrong-password")), Path.GetTempPath()));

            Assert.Contains(KeyRing.CertificatePasswordKey, problem.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("wrong-password", problem.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Start_CertificateFileMissing_OneLineMessageAndExitCode1()
    {
        var (exitCode, stdout, stderr) = await AppRun.UntilExitAsync(
            ("DataProtection__Certificate__Path", "/nowhere/keys.pfx"), ("DataProtection__Certificate__Password", "x"));

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(KeyRing.CertificatePathKey, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }

    private sealed record SignIn(string Cookie, string Bearer);

    private sealed record Antiforgery(string Cookie, string Token);

    /// <summary>Signs a new patron in on <paramref name="node"/> twice: once for a cookie, once for a bearer token.</summary>
    private static async Task<SignIn> SignInAsync(KeyRingNode node)
    {
        var patron = await node.SignInNewAsync();
        var bearer = patron.Http.DefaultRequestHeaders.Authorization!.Parameter!;

        using var client = node.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email = patron.Email, password = MakerspaceHost.Password });
        response.EnsureSuccessStatusCode();
        var cookie = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, (await GetMineAsync(node, cookie: cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetMineAsync(node, bearer: bearer)).StatusCode);
        return new SignIn(cookie, bearer);
    }

    private static async Task AssertSignedInAsync(KeyRingNode node, SignIn signIn)
    {
        Assert.Equal(HttpStatusCode.OK, (await GetMineAsync(node, cookie: signIn.Cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetMineAsync(node, bearer: signIn.Bearer)).StatusCode);
    }

    private static async Task<HttpResponseMessage> GetMineAsync(KeyRingNode node, string? cookie = null, string? bearer = null)
    {
        using var client = node.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reservations/mine");
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await client.SendAsync(request);
    }

    /// <summary>The antiforgery cookie and form token of the sign-in page, as a browser would hold them.</summary>
    private static async Task<Antiforgery> AntiforgeryAsync(KeyRingNode node)
    {
        using var client = node.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var response = await client.GetAsync("/account/sign-in");
        response.EnsureSuccessStatusCode();
        var cookie = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        var token = Token().Match(await response.Content.ReadAsStringAsync());
        Assert.True(token.Success, "No antiforgery token on the sign-in page");
        return new Antiforgery(cookie, WebUtility.HtmlDecode(token.Groups[1].Value));
    }

    /// <summary>A sign-in post with a wrong password: antiforgery refused is 400, accepted is the form again (200).</summary>
    private static async Task AssertAntiforgeryAcceptedAsync(KeyRingNode node, Antiforgery antiforgery)
    {
        using var client = node.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = $"nobody-{Guid.NewGuid():N}@example.test",
                ["Password"] = "Not-the-password-1",
                ["__RequestVerificationToken"] = antiforgery.Token,
            }),
        };
        request.Headers.Add("Cookie", antiforgery.Cookie);
        var response = await client.SendAsync(request);
        Assert.NotEqual(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>The node's key ring is the one in the database, not a folder of its own.</summary>
    private static async Task AssertKeysInDatabaseAsync(KeyRingNode node)
    {
        var stored = await KeyXmlAsync(node);
        Assert.NotEmpty(stored);
        var used = node.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.KeyManagement.IKeyManager>().GetAllKeys().Select(k => k.KeyId.ToString()).ToList();
        Assert.NotEmpty(used);
        Assert.All(used, id => Assert.Contains(stored, xml => xml.Contains($"id=\"{id}\"", StringComparison.OrdinalIgnoreCase)));
    }

    private static async Task<List<string>> KeyXmlAsync(KeyRingNode node)
    {
        using var scope = node.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BookingDbContext>();
        return await db.DataProtectionKeys.Select(k => k.Xml ?? "").ToListAsync();
    }

    private static string WriteCertificate(DirectoryInfo folder, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Makerspace key ring (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(folder.FullName, "keys.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
