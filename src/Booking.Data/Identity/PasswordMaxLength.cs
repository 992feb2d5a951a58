using Microsoft.AspNetCore.Identity;

namespace Booking.Data.Identity;

/// <summary>
/// Refuses passwords longer than <see cref="MaxLength"/> characters before they are hashed: every path that sets a
/// password (register, reset, the bootstrap admin) runs the validators first, so a megabyte password costs nothing.
/// </summary>
public sealed class PasswordMaxLength : IPasswordValidator<UserAccount>
{
    public const int MaxLength = 128;

    public const string Code = "PasswordTooLong";

    public Task<IdentityResult> ValidateAsync(UserManager<UserAccount> manager, UserAccount user, string? password) =>
        Task.FromResult(password is { Length: > MaxLength }
            ? IdentityResult.Failed(new IdentityError { Code = Code, Description = $"Passwords must be at most {MaxLength} characters." })
            : IdentityResult.Success);
}
