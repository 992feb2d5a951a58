using Booking.Data.Identity;
using Booking.Domain.Common;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Booking.Web.Features.Account;

/// <summary>Signs a person in with a cookie, for the pages.</summary>
public sealed class SignInModel(SignInManager<UserAccount> signIn, PublicAddress address) : PageModel
{
    [BindProperty]
    public string Email { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Failed { get; private set; }

    /// <summary>The password was right, but the address still waits for its confirmation.</summary>
    public bool Unconfirmed { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        var result = await signIn.PasswordSignInAsync(Email, Password, isPersistent: false, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            Unconfirmed = result.IsNotAllowed && await AuthApi.AwaitsConfirmationAsync(signIn.UserManager, Email, Password);
            Failed = !Unconfirmed;
            return Page();
        }

        // The account's language follows it to this browser (a shared library computer keeps no one else's).
        if (Languages.Normalize((await signIn.UserManager.FindByEmailAsync(Email))?.PreferredLanguage) is { } language)
        {
            RequestLanguages.WriteCookie(Response, language, address.IsHttps || Request.IsHttps);
        }

        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
