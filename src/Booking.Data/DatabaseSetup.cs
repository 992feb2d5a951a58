using Booking.Data.Identity;
using Booking.Domain.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Booking.Data;

/// <summary>What every start does: migrate, make sure roles and built-in kinds exist, bootstrap the admin.</summary>
public static class DatabaseSetup
{
    public const string MigrateOnStartupKey = "Database:MigrateOnStartup";

    /// <summary>The command a node without <see cref="MigrateOnStartupKey"/> names when its database is behind.</summary>
    public const string MigrateCommand = "dotnet Booking.Web.dll migrate";

    /// <summary>
    /// A node's start: migrates when <c>Database:MigrateOnStartup</c> is true (the default); when it is false, a
    /// database that lacks a migration of this version stops start-up with one line naming the migrate command.
    /// </summary>
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var configuration = sp.GetRequiredService<IConfiguration>();
        var db = sp.GetRequiredService<BookingDbContext>();

        if (SettingValues.Flag(configuration, MigrateOnStartupKey, true))
        {
            await db.Database.MigrateAsync(ct);
        }
        else
        {
            var status = await MigrationStatus.ReadAsync(db, ct);
            if (status.Pending.Count > 0)
            {
                throw new ConfigurationProblem($"the database lacks {status.Pending.Count} migration(s) of this version ({string.Join(", ", status.Pending)}) "
                    + $"and {MigrateOnStartupKey} is false; run '{MigrateCommand}' with this node's settings first (README \"Upgrades\").");
            }
        }

        await SetUpAsync(sp, ct);
    }

    /// <summary>The migrate command: applies every pending migration whatever <c>Database:MigrateOnStartup</c> says, then the same setup as a start.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(IServiceProvider services, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<BookingDbContext>();
        var pending = (await MigrationStatus.ReadAsync(db, ct)).Pending;
        await db.Database.MigrateAsync(ct);
        await SetUpAsync(sp, ct);
        return pending;
    }

    private static async Task SetUpAsync(IServiceProvider sp, CancellationToken ct)
    {
        var configuration = sp.GetRequiredService<IConfiguration>();
        var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseSetup));
        var db = sp.GetRequiredService<BookingDbContext>();
        await EnsureRolesAsync(sp.GetRequiredService<RoleManager<IdentityRole<Guid>>>());
        await EnsureKindsAsync(db, ct);
        await BootstrapAdminAsync(configuration, sp.GetRequiredService<UserManager<UserAccount>>(), logger);
    }

    private static async Task EnsureRolesAsync(RoleManager<IdentityRole<Guid>> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role));
            }
        }
    }

    private static async Task EnsureKindsAsync(BookingDbContext db, CancellationToken ct)
    {
        var existing = await db.ResourceKinds.Select(k => k.Code).ToListAsync(ct);
        foreach (var (code, name) in KnownKinds.All.Where(k => !existing.Contains(k.Code)))
        {
            db.ResourceKinds.Add(new ResourceKind(code, name, BookingPolicy.DefaultFor(code)));
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Creates the admin named by <c>Bootstrap:AdminEmail</c> with <c>Bootstrap:AdminPassword</c> on the first start.
    /// An existing admin of that address is left as it is (its password too). An existing account that is not an
    /// admin stops start-up: whoever registered the address first must not become admin when it is configured.
    /// </summary>
    private static async Task BootstrapAdminAsync(IConfiguration configuration, UserManager<UserAccount> users, ILogger logger)
    {
        var email = configuration["Bootstrap:AdminEmail"]?.Trim();
        var password = configuration["Bootstrap:AdminPassword"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            return;
        }

        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            if (!await users.IsInRoleAsync(existing, Roles.Admin))
            {
                throw new ConfigurationProblem($"Bootstrap:AdminEmail is '{email}', which already belongs to an account that is not an admin; "
                    + "choose an address nobody has registered, or have an admin give that account the admin role.");
            }

            logger.LogInformation("Bootstrap admin {Email} exists; left as it is", email);
            return;
        }

        await EnsureUserAsync(users, email, password, "Administrator", Roles.Admin);
        logger.LogInformation("Bootstrap admin {Email} created", email);
    }

    /// <summary>Creates the account if missing (as a patron, then with <paramref name="role"/>); never changes an existing password.</summary>
    public static async Task<UserAccount> EnsureUserAsync(UserManager<UserAccount> users, string email, string password, string displayName, string role)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new UserAccount { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                throw new ConfigurationProblem($"Could not create {email}: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            }
        }

        if (!await users.IsInRoleAsync(user, role))
        {
            await users.AddToRoleAsync(user, role);
        }

        return user;
    }
}
