using System.Text;
using Booking.Data.Identity;
using Booking.Domain.Common;
using Booking.Jobs.Delivery;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Booking.Web.Features.Account;

/// <summary>
/// <c>/api/v1/auth</c>: register, sign in (cookie or bearer token), refresh, confirm, forgotten and reset
/// password. Identity's own <c>MapIdentityApi</c> is not mapped: it tells whether an address is taken, and its
/// e-mail endpoints send nothing here. Every e-mail goes through the mail queue.
/// </summary>
public static class AuthApi
{
    private const string SignInFailed = "That e-mail and password do not match an account.";

    public static void MapAuthApi(this IEndpointRouteBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth").RequireRateLimiting(RateLimits.Accounts);
        auth.MapPost("/register", RegisterAsync);
        auth.MapPost("/login", LoginAsync);
        auth.MapPost("/refresh", RefreshAsync);
        auth.MapPost("/confirmEmail", ConfirmEmailAsync);
        auth.MapPost("/resendConfirmationEmail", ResendConfirmation);
        auth.MapPost("/forgotPassword", ForgotPassword);
        auth.MapPost("/resetPassword", ResetPasswordAsync);
    }

    public sealed record RegisterRequest(string? Email, string? Password, string? DisplayName);

    public sealed record LoginRequest(string? Email, string? Password);

    public sealed record RefreshRequest(string? RefreshToken);

    public sealed record ConfirmEmailRequest(Guid UserId, string? Code);

    public sealed record EmailRequest(string? Email);

    public sealed record ResetPasswordRequest(string? Email, string? ResetCode, string? NewPassword);

    /// <summary>200 whether the address was new or taken (its owner is e-mailed); 400 for an unusable address or password.</summary>
    private static async Task<IResult> RegisterAsync(RegisterRequest body, Registration registration, PublicAddress address, HttpRequest request)
    {
        var (errors, _) = await registration.RegisterAsync(body.Email, body.Password, body.DisplayName, address.Root(request));
        return errors.Count > 0 ? Problems.Validation(errors) : TypedResults.Ok(new
        {
            message = registration.ConfirmationRequired
                ? "Check your e-mail: we sent a link to confirm the address before you can sign in."
                : "Registered: you can sign in now.",
        });
    }

    /// <summary>The bearer token (or, with <c>?useCookies=true</c>, the cookie) is written by Identity's sign-in.</summary>
    private static async Task<IResult> LoginAsync(LoginRequest body, bool? useCookies, bool? useSessionCookies, SignInManager<UserAccount> signIn)
    {
        if (string.IsNullOrEmpty(body.Email) || string.IsNullOrEmpty(body.Password))
        {
            return Problems.Validation("email", "Give your e-mail address and password.");
        }

        var cookie = useCookies == true || useSessionCookies == true;
        signIn.AuthenticationScheme = cookie ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(body.Email, body.Password, isPersistent: useCookies == true && useSessionCookies != true, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return TypedResults.Empty;
        }

        if (result.IsNotAllowed && await AwaitsConfirmationAsync(signIn.UserManager, body.Email, body.Password))
        {
            return Problems.Of(ErrorCodes.EmailUnconfirmed, "Confirm your e-mail address first: open the link we sent when you registered (POST /api/v1/auth/resendConfirmationEmail sends a new one).");
        }

        // Wrong password, unknown address and a locked account read alike: the answer reveals no account.
        return TypedResults.Problem(SignInFailed, statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in");
    }

    /// <summary>Only someone who knows the password learns that the account waits for its confirmation.</summary>
    public static async Task<bool> AwaitsConfirmationAsync(UserManager<UserAccount> users, string email, string password) =>
        await users.FindByEmailAsync(email) is { EmailConfirmed: false } user && await users.CheckPasswordAsync(user, password);

    private static async Task<IResult> RefreshAsync(RefreshRequest body, SignInManager<UserAccount> signIn, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock)
    {
        var ticket = string.IsNullOrEmpty(body.RefreshToken) ? null : bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(body.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
        {
            return TypedResults.Challenge();
        }

        return TypedResults.SignIn(await signIn.CreateUserPrincipalAsync(user), authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static async Task<IResult> ConfirmEmailAsync(ConfirmEmailRequest body, UserManager<UserAccount> users) =>
        await ConfirmAsync(users, body.UserId, body.Code)
            ? TypedResults.Ok(new { message = "Your e-mail address is confirmed. You can sign in now." })
            : Problems.Validation("code", AccountWords.BadConfirmationLink);

    /// <summary>Confirms an address from the e-mailed link's user id and code; false for any bad or used link.</summary>
    public static async Task<bool> ConfirmAsync(UserManager<UserAccount> users, Guid userId, string? code)
    {
        var token = Decode(code);
        if (token is null || await users.FindByIdAsync(userId.ToString()) is not { } user)
        {
            return false;
        }

        return user.EmailConfirmed || (await users.ConfirmEmailAsync(user, token)).Succeeded;
    }

    private static IResult ResendConfirmation(EmailRequest body, IAccountMailQueue mail, PublicAddress address, HttpRequest request) =>
        Queue(AccountMailKind.ConfirmAddress, body.Email, mail, address, request);

    private static IResult ForgotPassword(EmailRequest body, IAccountMailQueue mail, PublicAddress address, HttpRequest request) =>
        Queue(AccountMailKind.PasswordReset, body.Email, mail, address, request);

    /// <summary>Always 200 for a well-formed address: whether a mail goes out is decided by the worker, unseen.</summary>
    private static IResult Queue(AccountMailKind kind, string? email, IAccountMailQueue mail, PublicAddress address, HttpRequest request) =>
        Registration.TryQueue(mail, kind, email, address.Root(request)) is { } problem
            ? Problems.Validation("email", problem)
            : TypedResults.Ok(new { message = "If an account exists for that address, we have sent it an e-mail." });

    private static async Task<IResult> ResetPasswordAsync(ResetPasswordRequest body, UserManager<UserAccount> users)
    {
        var token = Decode(body.ResetCode);
        var user = string.IsNullOrWhiteSpace(body.Email) || body.Email.Length > Registration.MaxEmailLength ? null : await users.FindByEmailAsync(body.Email.Trim());
        if (token is null || user is null)
        {
            return Problems.Validation("resetCode", AccountWords.BadResetLink);
        }

        var result = await users.ResetPasswordAsync(user, token, body.NewPassword ?? "");
        if (result.Succeeded)
        {
            return TypedResults.Ok(new { message = "Your password is changed." });
        }

        return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
            ? Problems.Validation("resetCode", AccountWords.BadResetLink)
            : Problems.Validation(new Dictionary<string, string[]> { ["newPassword"] = [.. result.Errors.Select(e => e.Description)] });
    }

    /// <summary>The token from a link's base64url code; null for anything that is not one.</summary>
    public static string? Decode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 4096)
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
