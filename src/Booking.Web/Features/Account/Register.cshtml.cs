using Booking.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Booking.Web.Features.Account;

/// <summary>Registration from the pages: a new patron, signed in straight away.</summary>
public sealed class RegisterModel(UserManager<UserAccount> users, SignInManager<UserAccount> signIn) : PageModel
{
    [BindProperty]
    public string DisplayName { get; set; } = "";

    [BindProperty]
    public string Email { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnPostAsync()
    {
        var user = new UserAccount { UserName = Email, Email = Email, DisplayName = DisplayName.Trim() };
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded)
        {
            Errors.AddRange(created.Errors.Select(e => e.Description));
            return Page();
        }

        await signIn.SignInAsync(user, isPersistent: false, IdentityConstants.ApplicationScheme);
        return LocalRedirect("/");
    }
}
