using Booking.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Account;

/// <summary>Sets a new password from the e-mailed link (<c>?email=&amp;code=</c>, the token base64url-encoded).</summary>
public sealed class ResetPasswordModel(UserManager<UserAccount> users, IStringLocalizer<ResetPasswordModel> words) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Email { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    public List<string> Errors { get; } = [];

    public bool LinkInvalid { get; private set; }

    public void OnGet()
    {
        if (string.IsNullOrWhiteSpace(Code))
        {
            LinkInvalid = true;
            Errors.Add(words["This page needs the link from the reset e-mail."]);
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var token = AuthApi.Decode(Code);
        var user = string.IsNullOrWhiteSpace(Email) || Email.Length > Registration.MaxEmailLength ? null : await users.FindByEmailAsync(Email.Trim());
        if (token is null || user is null)
        {
            // An unknown address gets the same words as a bad code: the page reveals no accounts either.
            LinkInvalid = true;
            Errors.Add(words[AccountWords.BadResetLink]);
            return Page();
        }

        var result = await users.ResetPasswordAsync(user, token, Password);
        if (!result.Succeeded)
        {
            LinkInvalid = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken));
            Errors.AddRange(result.Errors.Select(e => words[e.Code == nameof(IdentityErrorDescriber.InvalidToken) ? AccountWords.BadResetLink : e.Description].Value));
            return Page();
        }

        TempData["Message"] = words["Your password is changed. Sign in with the new one."].Value;
        return Redirect("/account/sign-in");
    }
}
