using Booking.Domain.Common;
using Booking.Domain.Patrons;
using Booking.Web.Infrastructure;
using Booking.Workflows.Patrons;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Patrons;

/// <summary>The values and problems of the shared new-patron fields (<c>_NewPatronFields</c>).</summary>
public interface INewPatronFields
{
    string? DisplayName { get; }

    string? CardNumber { get; }

    string? Email { get; }

    /// <summary>Each field's problem, in the rule's English words (the view translates them).</summary>
    IReadOnlyDictionary<string, string> Problems { get; }

    /// <summary>The field an enrolment refusal is about: the e-mail when it is taken, else the card.</summary>
    static string FieldOf(DomainException refusal) => refusal.Message == PatronEnrolment.EmailTaken ? "email" : "cardNumber";
}

/// <summary>
/// Staff create a patron account for someone without an e-mail address (their library card identifies them), through
/// the same workflow as <c>POST /api/v1/patrons</c>; then book for them and print their confirmation.
/// </summary>
[Authorize(Policy = MakerspaceApp.StaffPolicy)]
public sealed class NewPatronModel(PatronEnrolment enrolment, IStringLocalizer<NewPatronModel> words) : PageModel, INewPatronFields
{
    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? CardNumber { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    /// <summary>Each field's problem, in the rule's English words (the view translates them).</summary>
    public IReadOnlyDictionary<string, string> Problems { get; private set; } = new Dictionary<string, string>();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (patron, problems) = NewPatron.Read(DisplayName, CardNumber, Email);
        if (patron is null)
        {
            return Refuse(problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.First().Message));
        }

        try
        {
            var account = await enrolment.CreateAsync(User.UserId(), patron, ct);
            TempData["Message"] = words["Created the account of {0}. Book on their behalf below, then print the confirmation from their upcoming reservations.", patron.DisplayName].Value;
            return Redirect($"/desk/patrons/{account.Id}");
        }
        catch (DomainException e)
        {
            var field = INewPatronFields.FieldOf(e);
            return Refuse(new Dictionary<string, string> { [field] = e.Message }, StatusCodes.Status409Conflict);
        }
    }

    private PageResult Refuse(Dictionary<string, string> problems, int status = StatusCodes.Status400BadRequest)
    {
        Problems = problems;
        var page = Page();
        page.StatusCode = status;
        return page;
    }
}
