using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Booking.Data;
using Booking.Data.Identity;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.IntegrationTests.Foundation;

public sealed class AccountTests(DemoHost host) : IClassFixture<DemoHost>
{
    [Fact]
    public async Task Login_WithCookie_SetsAuthCookie()
    {
        var client = host.CreateClient();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email = DemoData.PatronEmail, password = DemoData.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Login_WrongPasswordOrUnknownEmail_Same401()
    {
        var client = host.CreateClient();
        var wrongPassword = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = DemoData.PatronEmail, password = "not-the-password" });
        var unknownEmail = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "nobody@example.test", password = "not-the-password" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownEmail.StatusCode);
        // Nothing in the answer tells whether the account exists.
        var a = await wrongPassword.Content.ReadFromJsonAsync<JsonElement>();
        var b = await unknownEmail.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(a.GetProperty("title").GetString(), b.GetProperty("title").GetString());
        Assert.Equal(a.TryGetProperty("detail", out var da) ? da.GetString() : null, b.TryGetProperty("detail", out var db) ? db.GetString() : null);
    }

    [Fact]
    public async Task Bootstrap_AdminFromConfiguration_IsAdmin()
    {
        await host.SignInAsync(DemoHost.BootstrapEmail, DemoHost.BootstrapPassword);
        using var scope = host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var admin = await users.FindByEmailAsync(DemoHost.BootstrapEmail);
        Assert.True(await users.IsInRoleAsync(admin!, Roles.Admin));
    }

    [Theory]
    [InlineData(DemoData.AdminEmail, Roles.Admin)]
    [InlineData(DemoData.StaffEmail, Roles.Staff)]
    [InlineData(DemoData.PatronEmail, Roles.Patron)]
    public async Task DemoAccounts_SignInWithDemoPassword_HaveTheirRole(string email, string role)
    {
        await host.SignInAsync(email, DemoData.Password);
        using var scope = host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        Assert.True(await users.IsInRoleAsync((await users.FindByEmailAsync(email))!, role));
    }
}
