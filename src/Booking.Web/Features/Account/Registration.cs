using System.Globalization;
using System.Net.Mail;
using Booking.Data;
using Booking.Data.Identity;
using Booking.Domain.Common;
using Booking.Jobs.Delivery;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Booking.Web.Features.Account;

/// <summary>
/// Creates patron accounts for the register page and the API alike. It answers the same whether or not the
/// address already has an account (its owner is told by e-mail instead), so registration reveals nobody.
/// </summary>
public sealed class Registration(UserManager<UserAccount> users, IAccountMailQueue mail, IOptions<IdentityOptions> identity)
{
    public const int MaxEmailLength = AccountNameMaxLength.MaxLength;
    public const int MaxDisplayNameLength = 100;

    /// <summary>Whether a new account must confirm its address before it can sign in (<c>Accounts:RequireConfirmedEmail</c>).</summary>
    public bool ConfirmationRequired => identity.Value.SignIn.RequireConfirmedEmail;

    /// <summary>
    /// Checks the input, then creates the account or, for a taken address, tells its owner. Returns the field
    /// errors (nothing was created), or none and the new account (null when the address was taken).
    /// </summary>
    public async Task<(IDictionary<string, string[]> Errors, UserAccount? Created)> RegisterAsync(string? email, string? password, string? displayName, string siteRoot)
    {
        email = email?.Trim() ?? "";
        password ??= "";
        displayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim();
        // The language the form was read in is the one the account's mail is written in until the person changes it.
        var candidate = new UserAccount { UserName = email, Email = email, DisplayName = displayName, PreferredLanguage = Languages.Normalize(CultureInfo.CurrentUICulture.Name) };

        var errors = new Dictionary<string, string[]>();
        if (!IsAddress(email))
        {
            errors["email"] = ["Give an e-mail address such as name@example.org."];
        }

        if (displayName?.Length > MaxDisplayNameLength)
        {
            errors["displayName"] = [$"Keep your name to {MaxDisplayNameLength} characters."];
        }

        var passwordErrors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, candidate, password);
            passwordErrors.AddRange(result.Errors.Select(e => e.Description));
        }

        if (passwordErrors.Count > 0)
        {
            errors["password"] = [.. passwordErrors];
        }

        if (errors.Count > 0)
        {
            return (errors, null);
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            // The same work as a new account (hashing is most of it), so the time taken tells nothing either.
            users.PasswordHasher.HashPassword(candidate, password);
            mail.Enqueue(AccountMailKind.AlreadyRegistered, email, siteRoot);
            return (errors, null);
        }

        IdentityResult created;
        try
        {
            created = await users.CreateAsync(candidate, password);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // A parallel request inserted the address between Identity's duplicate check and this insert.
            created = IdentityResult.Failed(users.ErrorDescriber.DuplicateEmail(email));
        }

        if (created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
        {
            // Registered a moment ago by a parallel request: the same answer as any taken address.
            mail.Enqueue(AccountMailKind.AlreadyRegistered, email, siteRoot);
            return (errors, null);
        }

        if (!created.Succeeded)
        {
            errors["email"] = [.. created.Errors.Select(e => e.Description)];
            return (errors, null);
        }

        if (ConfirmationRequired)
        {
            mail.Enqueue(AccountMailKind.ConfirmAddress, email, siteRoot);
        }

        return (errors, candidate);
    }

    /// <summary>
    /// Queues an account e-mail of <paramref name="kind"/> for any well-formed address (the worker decides, unseen,
    /// whether one goes out, so every address answers alike); returns the refusal in words for a malformed one.
    /// </summary>
    public static string? TryQueue(IAccountMailQueue mail, AccountMailKind kind, string? email, string siteRoot)
    {
        email = email?.Trim() ?? "";
        if (email.Length is 0 or > MaxEmailLength || !email.Contains('@', StringComparison.Ordinal))
        {
            return "Give the e-mail address you signed up with, such as name@example.org.";
        }

        mail.Enqueue(kind, email, siteRoot);
        return null;
    }

    private static bool IsAddress(string email) =>
        email.Length is > 0 and <= MaxEmailLength && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email;
}
