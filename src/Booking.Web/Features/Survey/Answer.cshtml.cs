using Booking.Domain.Surveys;
using Booking.Web.Infrastructure;
using Booking.Workflows.Surveys;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Survey;

/// <summary>
/// The skills survey for anyone: a signed-in patron sees their previous answers and may change them; a visitor
/// answers anonymously (no account, no address and no cookie kept). Posts are rate limited per person or address.
/// </summary>
[AllowAnonymous]
public sealed class AnswerModel(SurveyAnswers answers, IStringLocalizer<AnswerModel> words) : PageModel
{
    public Domain.Surveys.Survey? Survey { get; private set; }

    public IReadOnlySet<Guid> Chosen { get; private set; } = new HashSet<Guid>();

    public bool AnsweredBefore { get; private set; }

    public bool Saved { get; private set; }

    public IReadOnlyList<SurveyProblem> Problems { get; private set; } = [];

    public string? ProblemFor(Guid questionId) => Problems.FirstOrDefault(p => p.Field == questionId.ToString())?.Message;

    public async Task OnGetAsync(bool saved, CancellationToken ct)
    {
        Saved = saved;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var form = SurveyForm.Read(Request.Form);
        if (form is null)
        {
            await LoadAsync(ct);
            Problems = [new SurveyProblem("survey", Domain.Common.ErrorCodes.Validation, words["The form came back damaged. Please answer again."].Value)];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var check = await answers.AnswerAsync(User.Identity?.IsAuthenticated == true ? User.UserId() : null, form, ct);
        if (check.IsValid)
        {
            return User.Identity?.IsAuthenticated == true ? RedirectToPage(new { saved = true }) : RedirectToPage("Thanks");
        }

        await LoadAsync(ct);
        Problems = check.Problems;
        // Show what they picked, so they only fix what is wrong.
        Chosen = form.Values.SelectMany(v => v).ToHashSet();
        Response.StatusCode = check.Problems.Any(p => p.Code == Domain.Common.ErrorCodes.Closed) ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Survey = await answers.CurrentAsync(ct);
        if (Survey is not null && User.Identity?.IsAuthenticated == true)
        {
            Chosen = await answers.MineAsync(Survey.Id, User.UserId(), ct);
            AnsweredBefore = Chosen.Count > 0;
        }
    }
}
