using Booking.Data.Identity;
using Booking.Jobs.Delivery;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Account;

/// <summary>Confirms a new account's address from the e-mailed link (<c>?userId=&amp;code=</c>), or sends a new link.</summary>
public sealed class ConfirmEmailModel(UserManager<UserAccount> users, IAccountMailQueue mail, PublicAddress address, IStringLocalizer<ConfirmEmailModel> words) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public string Email { get; set; } = "";

    public bool? Confirmed { get; private set; }

    public bool Sent { get; private set; }

    public string? Problem { get; private set; }

    public async Task OnGetAsync()
    {
        if (UserId is { } id && Code is not null)
        {
            Confirmed = await AuthApi.ConfirmAsync(users, id, Code);
        }
    }

    public IActionResult OnPost()
    {
        Email = Email.Trim();
        // Site:PublicUrl (required outside Development) keeps a forged Host header out of the link.
        Problem = Registration.TryQueue(mail, AccountMailKind.ConfirmAddress, Email, address.Root(Request)) is { } problem ? words[problem].Value : null;
        Sent = Problem is null;
        return Page();
    }
}
