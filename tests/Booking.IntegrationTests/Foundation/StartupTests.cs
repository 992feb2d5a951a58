using System.Net.Http.Json;
using Booking.Data.Identity;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.IntegrationTests.Foundation;

/// <summary>Starts the real app as a process, the way an operator would.</summary>
public sealed class StartupTests
{
    [Theory]
    [InlineData("Oracle")]
    [InlineData("mysql")]
    public async Task Start_UnknownProvider_OneLineMessageAndExitCode1(string provider)
    {
        var (exitCode, stdout, stderr) = await AppRun.UntilExitAsync(("Database__Provider", provider));

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"Database:Provider is '{provider}'", line);
        Assert.Contains("Sqlite, Postgres", line);
        Assert.DoesNotContain("   at ", stdout + stderr);
    }

    [Fact]
    public async Task Start_PostgresWithoutConnectionString_NamesTheKey()
    {
        var (exitCode, _, stderr) = await AppRun.UntilExitAsync(("Database__Provider", "Postgres"), ("ConnectionStrings__Booking", ""));
        Assert.Equal(1, exitCode);
        Assert.Contains("ConnectionStrings:Booking", stderr);
    }

    [Fact]
    public async Task Start_ProductionWithoutPublicUrl_NamesTheKey()
    {
        var (exitCode, _, stderr) = await AppRun.UntilExitAsync(("Site__PublicUrl", ""));
        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Site:PublicUrl is not set", line);
    }

    [Fact]
    public async Task Start_BootstrapAddressOfAnExistingPatron_Refused_AccountNotPromoted()
    {
        var database = await TestDatabase.CreateAsync();
        try
        {
            string email;
            await using (var first = new ConfiguredHost("Production", new Dictionary<string, string?>(), database))
            {
                await first.InitializeAsync();
                email = (await first.SignInNewAsync()).Email; // registered first by someone who is not the operator
            }

            var (exitCode, _, stderr) = await AppRun.UntilExitAsync(
                ("Database__Provider", database.Provider.ToString()),
                ("ConnectionStrings__Booking", database.ConnectionString),
                ("Bootstrap__AdminEmail", email),
                ("Bootstrap__AdminPassword", "Operator-pass-1"));

            Assert.Equal(1, exitCode);
            Assert.Contains("Bootstrap:AdminEmail", stderr);
            Assert.Contains("not an admin", stderr);
            await using var after = new ConfiguredHost("Production", new Dictionary<string, string?>(), database);
            await after.InitializeAsync();
            using var scope = after.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            Assert.False(await users.IsInRoleAsync((await users.FindByEmailAsync(email))!, Roles.Admin));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Start_BootstrapAdminExists_KeepsItsPassword()
    {
        var database = await TestDatabase.CreateAsync();
        try
        {
            const string email = "head.librarian@example.test";
            await using (var first = new ConfiguredHost("Production", Bootstrap(email, "First-pass-1"), database))
            {
                await first.InitializeAsync();
            }

            await using var second = new ConfiguredHost("Production", Bootstrap(email, "Second-pass-2"), database);
            await second.InitializeAsync();
            await second.SignInAsync(email, "First-pass-1");
            var refused = await second.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Second-pass-2" });
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    private static Dictionary<string, string?> Bootstrap(string email, string password) =>
        new() { ["Bootstrap:AdminEmail"] = email, ["Bootstrap:AdminPassword"] = password };
}
