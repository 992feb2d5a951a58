using Microsoft.AspNetCore.Identity;

namespace Booking.Data.Identity;

/// <summary>
/// Refuses an e-mail (the account's user name too) longer than Identity's columns hold: PostgreSQL would refuse the
/// insert with a 500, SQLite would store it. Every path that creates or changes an account runs the user validators.
/// </summary>
public sealed class AccountNameMaxLength : IUserValidator<UserAccount>
{
    /// <summary>The width of Identity's <c>UserName</c> and <c>Email</c> columns.</summary>
    public const int MaxLength = 256;

    public const string Code = "EmailTooLong";

    public Task<IdentityResult> ValidateAsync(UserManager<UserAccount> manager, UserAccount user) =>
        Task.FromResult(user.Email is { Length: > MaxLength } || user.UserName is { Length: > MaxLength }
            ? IdentityResult.Failed(new IdentityError { Code = Code, Description = $"An e-mail address is at most {MaxLength} characters." })
            : IdentityResult.Success);
}
