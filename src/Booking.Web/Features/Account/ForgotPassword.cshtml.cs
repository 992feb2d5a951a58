using Booking.Jobs.Delivery;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Account;

/// <summary>
/// Asks for a password-reset link. The request is queued for any address and a worker decides whether a mail
/// goes out, so the answer and the time it takes are the same whether or not the account exists.
/// </summary>
public sealed class ForgotPasswordModel(IAccountMailQueue mail, PublicAddress address, IStringLocalizer<ForgotPasswordModel> words) : PageModel
{
    [BindProperty]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }

    public string? Problem { get; private set; }

    public IActionResult OnPost()
    {
        Email = Email.Trim();
        // Site:PublicUrl (required outside Development) keeps a forged Host header out of the link.
        Problem = Registration.TryQueue(mail, AccountMailKind.PasswordReset, Email, address.Root(Request)) is { } problem ? words[problem].Value : null;
        Sent = Problem is null;
        return Page();
    }
}
