using System.Text;
using Booking.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Booking.Web.Features.Account;

/// <summary>Sets a new password from the e-mailed link (<c>?email=&amp;code=</c>, the token base64url-encoded).</summary>
public sealed class ResetPasswordModel(UserManager<UserAccount> users) : PageModel
{
    private const string BadLink = "This reset link is not valid any more: it may have expired, been used already, or been copied incompletely.";

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
            Errors.Add("This page needs the link from the reset e-mail.");
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var token = Decode(Code);
        var user = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email.Trim());
        if (token is null || user is null)
        {
            // An unknown address gets the same words as a bad code: the page reveals no accounts either.
            LinkInvalid = true;
            Errors.Add(BadLink);
            return Page();
        }

        var result = await users.ResetPasswordAsync(user, token, Password);
        if (!result.Succeeded)
        {
            LinkInvalid = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken));
            Errors.AddRange(result.Errors.Select(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken) ? BadLink : e.Description));
            return Page();
        }

        TempData["Message"] = "Your password is changed. Sign in with the new one.";
        return Redirect("/account/sign-in");
    }

    private static string? Decode(string? code)
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
