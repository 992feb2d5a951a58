using Booking.Data;
using Booking.Domain.Common;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Booking.Web.Features.Language;

/// <summary>
/// The language switch (anyone; a POST with the page's antiforgery token): sets the language cookie and, for a
/// signed-in person, saves the choice on their account, so e-mail is written in it too. Only a supported language is
/// accepted; the way back must be a local address.
/// </summary>
public sealed class LanguageModel(BookingDbContext db, PublicAddress address, IMemoryCache cache) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? lang, string? returnUrl, CancellationToken ct)
    {
        if (Languages.Normalize(lang) is not { } language || lang!.Length > 10)
        {
            return BadRequest();
        }

        RequestLanguages.WriteCookie(Response, language, address.IsHttps || Request.IsHttps);
        if (User.Identity?.IsAuthenticated == true && User.UserId() is var id && id != Guid.Empty)
        {
            await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredLanguage, language), ct);
            ClosedAccounts.Changed(cache, id); // this node's next page is in the new language; others within ClosedAccounts.Remembered
        }

        return LocalRedirect(returnUrl is { Length: > 0 and <= 2000 } && Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
