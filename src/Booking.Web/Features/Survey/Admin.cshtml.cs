using Booking.Data;
using Booking.Domain.Common;
using Booking.Workflows.Surveys;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Survey;

/// <summary>
/// Admins write the skills survey: its title and introduction, questions (one per submit, with its choices one a
/// line) and choices, and open or close it. Every rule (sizes, limits, one "want to learn" question) is the domain's.
/// </summary>
[Authorize(Policy = MakerspaceApp.AdminPolicy)]
public sealed class AdminModel(BookingDbContext db, SurveyAnswers answers, TimeProvider clock) : PageModel
{
    public Domain.Surveys.Survey? Survey { get; private set; }

    public string? Problem { get; private set; }

    public string? Done { get; private set; }

    /// <summary>The certifications a "want to learn" choice may be about, by name.</summary>
    public IReadOnlyList<(Guid Id, string Name)> Certifications { get; private set; } = [];

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Done = done;
        await LoadAsync(ct);
    }

    public Task<IActionResult> OnPostDetailsAsync(string? title, string? intro, CancellationToken ct) =>
        ChangeAsync(ct, "Title and introduction saved.", (s, now) => s.Rename(title ?? "", intro, now), () => new(title ?? "", intro, Now));

    public Task<IActionResult> OnPostAddQuestionAsync(string? text, bool multiple, bool required, bool wantToLearn, string? choices, CancellationToken ct) =>
        ChangeAsync(ct, "Question added.", (s, now) =>
        {
            var lines = (choices ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (lines.Length > Domain.Surveys.Survey.MaxChoices)
            {
                throw new DomainException(ErrorCodes.Validation, "A question may have at most {0} choices.", Domain.Surveys.Survey.MaxChoices);
            }

            var question = s.AddQuestion(text ?? "", multiple, required, wantToLearn, now);
            foreach (var line in lines)
            {
                s.AddChoice(question.Id, line, now);
            }
        });

    public Task<IActionResult> OnPostAddChoiceAsync(Guid questionId, string? text, CancellationToken ct) =>
        ChangeAsync(ct, "Choice added.", (s, now) => s.AddChoice(questionId, text ?? "", now));

    public Task<IActionResult> OnPostRemoveQuestionAsync(Guid questionId, CancellationToken ct) =>
        ChangeAsync(ct, "Question removed, with its answers.", (s, now) => s.RemoveQuestion(questionId, now));

    public Task<IActionResult> OnPostRemoveChoiceAsync(Guid questionId, Guid choiceId, CancellationToken ct) =>
        ChangeAsync(ct, "Choice removed, with its answers.", (s, now) => s.RemoveChoice(questionId, choiceId, now));

    /// <summary>Says which certification a "want to learn" choice is about (empty: a topic of its own); the demand view counts it there.</summary>
    public async Task<IActionResult> OnPostChoiceAboutAsync(Guid questionId, Guid choiceId, string? certificationId, CancellationToken ct)
    {
        Guid? about = null;
        if (!string.IsNullOrWhiteSpace(certificationId))
        {
            about = Guid.TryParse(certificationId, out var id) && await db.Certifications.AnyAsync(c => c.Id == id, ct) ? id : Guid.Empty;
        }

        return await ChangeAsync(ct, "Choice saved: the demand view counts it there.", (s, now) =>
            s.ChoiceAbout(questionId, choiceId, about == Guid.Empty ? throw new DomainException(ErrorCodes.Validation, "Choose a certification from the list.") : about, now));
    }

    public Task<IActionResult> OnPostOpenAsync(CancellationToken ct) => ChangeAsync(ct, "The survey is open.", (s, now) => s.Open(now));

    public Task<IActionResult> OnPostCloseAsync(CancellationToken ct) => ChangeAsync(ct, "The survey is closed.", (s, now) => s.Close(now));

    private async Task LoadAsync(CancellationToken ct)
    {
        Survey = await answers.CurrentAsync(ct);
        Certifications = (await db.Certifications.AsNoTracking().Select(c => new { c.Id, c.Name }).ToListAsync(ct))
            .OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase).Select(c => (c.Id, c.Name)).ToList();
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    // Loads the survey (or makes the first one, where the change allows it), applies the change, saves; a refusal
    // is shown on the page with nothing saved.
    private async Task<IActionResult> ChangeAsync(CancellationToken ct, string done, Action<Domain.Surveys.Survey, DateTime> change, Func<Domain.Surveys.Survey>? create = null)
    {
        try
        {
            var survey = await answers.CurrentAsync(ct);
            if (survey is null)
            {
                if (create is null)
                {
                    throw new DomainException(ErrorCodes.NotFound, "Give the survey a title first.");
                }

                db.Surveys.Add(create());
            }
            else
            {
                change(survey, Now);
            }

            await db.SaveChangesAsync(ct);
            return RedirectToPage(new { done });
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            Problem = e.Message;
            await LoadAsync(ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }
}
