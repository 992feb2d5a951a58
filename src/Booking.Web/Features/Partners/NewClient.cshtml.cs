using Booking.Domain.Common;
using Booking.Domain.Patrons;
using Booking.Web.Features.Patrons;
using Booking.Web.Infrastructure;
using Booking.Workflows.Partners;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Partners;

/// <summary>
/// Partner staff create a client without e-mail (name and library card, the same fields and rules as the desk's
/// <c>/desk/patrons/new</c>), bound to their organisation and audited as theirs, as <c>POST /api/v1/partner/clients</c> does.
/// </summary>
[Authorize(Policy = MakerspaceApp.PartnerPolicy)]
public sealed class NewClientModel(PartnerDesk desk, IStringLocalizer<NewClientModel> words) : PageModel, INewPatronFields
{
    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? CardNumber { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    public IReadOnlyDictionary<string, string> Problems { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await desk.PartnerOfAsync(User.UserId(), ct) is null ? Forbid() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await desk.PartnerOfAsync(User.UserId(), ct) is not { } partnerId)
        {
            return Forbid();
        }

        var (patron, problems) = NewPatron.Read(DisplayName, CardNumber, Email);
        if (patron is null)
        {
            return Refuse(problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.First().Message), StatusCodes.Status400BadRequest);
        }

        try
        {
            var account = await desk.CreateClientAsync(User.UserId(), partnerId, patron, ct);
            TempData["Message"] = words["Added {0} to your clients. Book for them below, then print the confirmation.", patron.DisplayName].Value;
            return Redirect($"/partner/clients/{account.Id}");
        }
        catch (DomainException e)
        {
            return Refuse(new Dictionary<string, string> { [INewPatronFields.FieldOf(e)] = e.Message }, StatusCodes.Status409Conflict);
        }
    }

    private PageResult Refuse(Dictionary<string, string> problems, int status)
    {
        Problems = problems;
        var page = Page();
        page.StatusCode = status;
        return page;
    }
}
