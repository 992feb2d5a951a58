using System.Globalization;
using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Booking.Web.Infrastructure;
using Booking.Workflows.Partners;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Account;

/// <summary>
/// <c>/account/partners</c>: the signed-in patron's requests from partner organisations (agree or decline) and the
/// partners they are a client of (stop at once). Every id in a form is checked against the signed-in patron: another
/// patron's request, or a partner they are not a client of, is a 404 and changes nothing.
/// </summary>
[Authorize]
public sealed class MyPartnersModel(BookingDbContext db, PartnerClientConsent consent, IStringLocalizer<MyPartnersModel> words) : PageModel
{
    /// <summary>Dates in the library's zone (requests belong to no branch).</summary>
    public LibraryTime Times { get; private set; } = new("UTC");

    public IReadOnlyList<PartnerRequestView> Requests { get; private set; } = [];

    public IReadOnlyList<PartnerLinkView> Partners { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Requests = await consent.OpenRequestsAsync(User.UserId(), ct);
        Partners = await consent.PartnersOfAsync(User.UserId(), ct);
        Times = await LibraryTime.ReadAsync(db, ct);
    }

    public Task<IActionResult> OnPostAnswerAsync(Guid requestId, bool agree, CancellationToken ct) => ActAsync(async () =>
    {
        var name = await consent.AnswerAsync(User.UserId(), requestId, agree, ct);
        return agree
            ? words["You agreed: {0} can now see your bookings and attendance and book for you. You can stop this at any time below.", name].Value
            : words["You declined. {0} sees nothing of you.", name].Value;
    });

    public Task<IActionResult> OnPostStopAsync(Guid partnerId, CancellationToken ct) => ActAsync(async () =>
    {
        var name = await consent.StopAsync(User.UserId(), User.UserId(), partnerId, ct);
        return words["You are no longer a client of {0}. Its staff can no longer see you or book for you; bookings already made stay.", name].Value;
    });

    private async Task<IActionResult> ActAsync(Func<Task<string>> action)
    {
        try
        {
            TempData["Message"] = await action();
            return RedirectToPage();
        }
        catch (DomainException e) when (e.Code == ErrorCodes.NotFound)
        {
            // Someone else's request or partner, answered, expired, or a forged id: nothing to say about any of them.
            return NotFound();
        }
        catch (DomainException e)
        {
            TempData["Message"] = RefusalWords.Say(e, CultureInfo.CurrentUICulture);
            return RedirectToPage();
        }
    }
}
