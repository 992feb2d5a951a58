using System.Text;
using Booking.Data.Identity;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Booking.Web.Features.Account;

/// <summary>Asks for a password-reset link; answers the same whether or not the account exists, so it never reveals who has one.</summary>
public sealed class ForgotPasswordModel(UserManager<UserAccount> users, PasswordResetMail mail, PublicAddress address, ILogger<ForgotPasswordModel> logger) : PageModel
{
    [BindProperty]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Email = Email.Trim();
        if (Email.Length is 0 or > 256 || !Email.Contains('@', StringComparison.Ordinal))
        {
            Problem = "Give the e-mail address you signed up with, such as name@example.org.";
            return Page();
        }

        var user = await users.FindByEmailAsync(Email);
        if (user?.Email is not null)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
            // Site:PublicUrl (when set) keeps a forged Host header from putting another site in the link.
            var link = address.Link(Request, $"/account/reset-password?email={Uri.EscapeDataString(user.Email)}&code={code}");
            try
            {
                await mail.SendAsync(user.Email, user.DisplayName, link, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The same answer as for an unknown address: a failure must not reveal that the account exists.
                logger.LogError(e, "Could not send the password-reset e-mail to user {UserId}", user.Id);
            }
        }

        Sent = true;
        return Page();
    }
}
