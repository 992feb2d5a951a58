using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Booking.Data.Identity;

/// <summary>
/// Identity's user manager, so that every account created (API or page) starts as a patron, and so that input
/// Identity's own endpoints pass on unchecked (an id that is not one, a missing e-mail or password) is a refusal, not a 500.
/// </summary>
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

    /// <summary>A user id that is not a Guid names nobody; the store would throw converting it.</summary>
    public override Task<UserAccount?> FindByIdAsync(string userId) =>
        Guid.TryParse(userId, out _) ? base.FindByIdAsync(userId) : Task.FromResult<UserAccount?>(null);

    /// <summary>No name names nobody; the base throws on null (a login without an e-mail).</summary>
    public override Task<UserAccount?> FindByNameAsync(string userName) =>
        string.IsNullOrWhiteSpace(userName) ? Task.FromResult<UserAccount?>(null) : base.FindByNameAsync(userName);

    /// <summary>No password matches nothing; the hasher throws on null.</summary>
    public override Task<bool> CheckPasswordAsync(UserAccount user, string password) =>
        password is null ? Task.FromResult(false) : base.CheckPasswordAsync(user, password);

    /// <summary>No e-mail names nobody; the base throws on null.</summary>
    public override Task<UserAccount?> FindByEmailAsync(string email) =>
        string.IsNullOrWhiteSpace(email) ? Task.FromResult<UserAccount?>(null) : base.FindByEmailAsync(email);

    public override Task<IdentityResult> CreateAsync(UserAccount user, string password) =>
        password is null ? Task.FromResult(NoPassword()) : base.CreateAsync(user, password);

    public override Task<IdentityResult> ResetPasswordAsync(UserAccount user, string token, string newPassword) =>
        newPassword is null ? Task.FromResult(NoPassword()) : base.ResetPasswordAsync(user, token, newPassword);

    public override Task<IdentityResult> AddPasswordAsync(UserAccount user, string password) =>
        password is null ? Task.FromResult(NoPassword()) : base.AddPasswordAsync(user, password);

    public override Task<IdentityResult> ChangePasswordAsync(UserAccount user, string currentPassword, string newPassword) =>
        newPassword is null ? Task.FromResult(NoPassword()) : base.ChangePasswordAsync(user, currentPassword, newPassword);

    private IdentityResult NoPassword() => IdentityResult.Failed(ErrorDescriber.PasswordTooShort(Options.Password.RequiredLength));
}
