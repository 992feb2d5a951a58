using Booking.Data.Identity;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Account;

/// <summary>
/// Registration from the pages: a new patron, who confirms the address by e-mail before signing in (or, where
/// confirmation is off, is signed in straight away). A taken address gets the same "check your e-mail" answer.
/// </summary>
public sealed class RegisterModel(Registration registration, SignInManager<UserAccount> signIn, PublicAddress address, IStringLocalizer<RegisterModel> words) : PageModel
{
    [BindProperty]
    public string DisplayName { get; set; } = "";

    [BindProperty]
    public string Email { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    public List<string> Errors { get; } = [];

    public bool Sent { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var (errors, created) = await registration.RegisterAsync(Email, Password, DisplayName, address.Root(Request));
        if (errors.Count > 0)
        {
            // Registration and Identity answer in English sentences (the API keeps them); each is a key of this page's resources.
            Errors.AddRange(errors.Values.SelectMany(e => e).Select(e => words[e].Value));
            return Page();
        }

        if (created is not null && !registration.ConfirmationRequired)
        {
            await signIn.SignInAsync(created, isPersistent: false, IdentityConstants.ApplicationScheme);
            return LocalRedirect("/");
        }

        Sent = true;
        return Page();
    }
}
