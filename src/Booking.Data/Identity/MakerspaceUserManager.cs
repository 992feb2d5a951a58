using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Booking.Data.Identity;

/// <summary>Identity's user manager, so that every account created (API or page) starts as a patron.</summary>
public sealed class MakerspaceUserManager(
    IUserStore<UserAccount> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<UserAccount> passwordHasher,
    IEnumerable<IUserValidator<UserAccount>> userValidators,
    IEnumerable<IPasswordValidator<UserAccount>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<UserAccount>> logger,
    TimeProvider clock)
    : UserManager<UserAccount>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<IdentityResult> CreateAsync(UserAccount user)
    {
        if (user.CreatedAtUtc == default)
        {
            user.CreatedAtUtc = clock.GetUtcNow().UtcDateTime;
        }

        var result = await base.CreateAsync(user);
        if (!result.Succeeded)
        {
            return result;
        }

        return await AddToRoleAsync(user, Roles.Patron);
    }
}
