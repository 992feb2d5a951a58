using System.Net;
using System.Net.Http.Json;
using Booking.Data;
using Booking.Data.Identity;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.IntegrationTests.Foundation;

/// <summary>Demo data only where asked: by <c>Seed:Demo</c>, or by default in Development; seeded once, never re-created.</summary>
public sealed class DemoDataTests
{
    // An empty value is "not set": the environment's default decides.
    private static readonly Dictionary<string, string?> Unset = new() { ["Seed:Demo"] = "" };

    [Fact]
    public async Task Production_NoSetting_NothingSeeded_DemoAdminCannotSignIn()
    {
        var database = await TestDatabase.CreateAsync();
        try
        {
            await using var host = await StartAsync("Production", Unset, database);

            Assert.False(await host.InScopeAsync(db => db.Locations.AnyAsync()));
            Assert.Empty(await DemoData.AccountsPresentAsync(host.Services, default));
            var login = await host.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = DemoData.AdminEmail, password = DemoData.Password });
            Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Development_NoSetting_Seeded_AndADeletedDemoAccountStaysDeleted()
    {
        var database = await TestDatabase.CreateAsync();
        try
        {
            await using (var first = await StartAsync("Development", Unset, database))
            {
                Assert.Equal(3, (await DemoData.AccountsPresentAsync(first.Services, default)).Count);
                using var scope = first.Services.CreateScope();
                // The demo survey's "Laser cutting" counts toward the demo laser training on the demand view.
                var db = scope.ServiceProvider.GetRequiredService<BookingDbContext>();
                var laser = await db.Certifications.SingleAsync(c => c.Name == "Laser cutter safety");
                Assert.Equal(["Laser cutting"], await db.Set<Domain.Surveys.SurveyChoice>().Where(c => c.CertificationId == laser.Id).Select(c => c.Text).ToListAsync());
                var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
                await users.DeleteAsync((await users.FindByEmailAsync(DemoData.AdminEmail))!);
            }

            await using var restarted = await StartAsync("Development", Unset, database);
            var present = await DemoData.AccountsPresentAsync(restarted.Services, default);
            Assert.DoesNotContain(DemoData.AdminEmail, present);
            Assert.Equal(2, present.Count);
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Production_DemoAccountsLeftFromADemo_WarnedAtStart_NotRecreated()
    {
        var database = await TestDatabase.CreateAsync();
        try
        {
            await using (var demo = await StartAsync("Production", new Dictionary<string, string?> { ["Seed:Demo"] = "true" }, database))
            {
                using var scope = demo.Services.CreateScope();
                var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
                await users.DeleteAsync((await users.FindByEmailAsync(DemoData.AdminEmail))!);
            }

            await using var production = await StartAsync("Production", Unset, database);
            var warning = Assert.Single(production.Warnings, w => w.Contains("Demo accounts", StringComparison.Ordinal));
            Assert.Contains(DemoData.PatronEmail, warning);
            Assert.DoesNotContain(DemoData.AdminEmail, warning);
            Assert.DoesNotContain(DemoData.AdminEmail, await DemoData.AccountsPresentAsync(production.Services, default));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    private static async Task<ConfiguredHost> StartAsync(string environment, IDictionary<string, string?> settings, TestDatabase database)
    {
        var host = new ConfiguredHost(environment, settings, database);
        await host.InitializeAsync();
        return host;
    }
}
