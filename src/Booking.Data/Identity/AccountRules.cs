using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.Data.Identity;

/// <summary>
/// The account rules every host applies the same way (the web app, and a jobs-only node that writes confirmation
/// and reset links): passwords, lockout, unique addresses, confirmed e-mail before sign-in.
/// </summary>
public static class AccountRules
{
    public static void Configure(IdentityOptions options, IConfiguration configuration, bool isDevelopment)
    {
        options.User.RequireUniqueEmail = true;
        options.Password.RequiredLength = 8;
        options.Password.RequireNonAlphanumeric = false;
        options.Lockout.MaxFailedAccessAttempts = 10;
        // New accounts confirm their address before they can sign in (and so book); on a developer's machine that is optional.
        options.SignIn.RequireConfirmedEmail = SettingValues.Flag(configuration, "Accounts:RequireConfirmedEmail", !isDevelopment);
    }

    /// <summary>Roles, the app's user manager and validators, the accounts in the app's database, and the tokens of e-mailed links.</summary>
    public static IdentityBuilder AddMakerspaceAccounts(this IdentityBuilder builder) => builder
        .AddRoles<IdentityRole<Guid>>()
        .AddUserManager<MakerspaceUserManager>()
        .AddPasswordValidator<PasswordMaxLength>()
        .AddUserValidator<AccountNameMaxLength>()
        .AddEntityFrameworkStores<BookingDbContext>()
        .AddDefaultTokenProviders();
}
