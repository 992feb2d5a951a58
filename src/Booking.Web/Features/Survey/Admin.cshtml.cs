using Booking.Data;
using Booking.Domain.Common;
using Booking.Workflows.Surveys;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Survey;

/// <summary>
/// Admins write the skills survey: its title and introduction, questions (one per submit, with its choices one a
/// line) and choices, and open or close it. Every rule (sizes, limits, one "want to learn" question) is the domain's.
/// </summary>
[Authorize(Policy = MakerspaceApp.AdminPolicy)]
public sealed class AdminModel(BookingDbContext db, SurveyAnswers answers, TimeProvider clock, IStringLocalizer<AdminModel> words) : PageModel
{
    public Domain.Surveys.Survey? Survey { get; private set; }

    public string? Problem { get; private set; }

    public string? Done { get; private set; }

    /// <summary>The certifications a "want to learn" choice may be about, by name.</summary>
    public IReadOnlyList<(Guid Id, string Name)> Certifications { get; private set; } = [];

    /// <summary>
    /// What each change says once done, by the code the redirect carries (never the sentence itself: the address
    /// cannot make the page say anything else, and the reader's language is chosen when the page is shown).
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> Notes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["details"] = "Title and introduction saved.",
        ["question-added"] = "Question added.",
        ["choice-added"] = "Choice added.",
        ["question-removed"] = "Question removed, with its answers.",
        ["choice-removed"] = "Choice removed, with its answers.",
        ["choice-about"] = "Choice saved: the demand view counts it there.",
        ["opened"] = "The survey is open.",
        ["closed"] = "The survey is closed.",
    };

    /// <summary>
    /// The domain's refusals a change here can meet, with their facts: the same sentence in the reader's language.
    /// A refusal not listed is shown as the domain wrote it.
    /// </summary>
    private static readonly IReadOnlyList<(string English, object[] Facts)> Refusals =
    [
        ("The survey needs a title.", []),
        ("The introduction may be at most {0} characters.", [Domain.Surveys.Survey.MaxIntroLength]),
        ("Every question needs at least one choice before the survey can open.", []),
        ("A survey may have at most {0} questions.", [Domain.Surveys.Survey.MaxQuestions]),
        ("Only one question can ask what people want to learn.", []),
        ("A question may have at most {0} choices.", [Domain.Surveys.Survey.MaxChoices]),
        ("That question already has this choice.", []),
        ("Only the choices of the question asking what people want to learn can name a certification.", []),
        ("Close the survey before removing a question's last choice.", []),
        ("That question is not in this survey.", []),
        ("That choice is not in this question.", []),
        ("A question needs its words.", []),
        ("A choice needs its words.", []),
        ("At most {0} characters, please.", [Domain.Surveys.Survey.MaxTitleLength]),
        ("At most {0} characters, please.", [Domain.Surveys.Survey.MaxTextLength]),
        ("Choose a certification from the list.", []),
        ("Give the survey a title first.", []),
    ];

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Done = done is not null && Notes.TryGetValue(done, out var note) ? words[note].Value : null;
        await LoadAsync(ct);
    }

    public Task<IActionResult> OnPostDetailsAsync(string? title, string? intro, CancellationToken ct) =>
        ChangeAsync(ct, "details", (s, now) => s.Rename(title ?? "", intro, now), () => new(title ?? "", intro, Now));

    public Task<IActionResult> OnPostAddQuestionAsync(string? text, bool multiple, bool required, bool wantToLearn, string? choices, CancellationToken ct) =>
        ChangeAsync(ct, "question-added", (s, now) =>
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
        ChangeAsync(ct, "choice-added", (s, now) => s.AddChoice(questionId, text ?? "", now));

    public Task<IActionResult> OnPostRemoveQuestionAsync(Guid questionId, CancellationToken ct) =>
        ChangeAsync(ct, "question-removed", (s, now) => s.RemoveQuestion(questionId, now));

    public Task<IActionResult> OnPostRemoveChoiceAsync(Guid questionId, Guid choiceId, CancellationToken ct) =>
        ChangeAsync(ct, "choice-removed", (s, now) => s.RemoveChoice(questionId, choiceId, now));

    /// <summary>Says which certification a "want to learn" choice is about (empty: a topic of its own); the demand view counts it there.</summary>
    public async Task<IActionResult> OnPostChoiceAboutAsync(Guid questionId, Guid choiceId, string? certificationId, CancellationToken ct)
    {
        Guid? about = null;
        if (!string.IsNullOrWhiteSpace(certificationId))
        {
            about = Guid.TryParse(certificationId, out var id) && await db.Certifications.AnyAsync(c => c.Id == id, ct) ? id : Guid.Empty;
        }

        return await ChangeAsync(ct, "choice-about", (s, now) =>
            s.ChoiceAbout(questionId, choiceId, about == Guid.Empty ? throw new DomainException(ErrorCodes.Validation, "Choose a certification from the list.") : about, now));
    }

    public Task<IActionResult> OnPostOpenAsync(CancellationToken ct) => ChangeAsync(ct, "opened", (s, now) => s.Open(now));

    public Task<IActionResult> OnPostCloseAsync(CancellationToken ct) => ChangeAsync(ct, "closed", (s, now) => s.Close(now));

    private async Task LoadAsync(CancellationToken ct)
    {
        Survey = await answers.CurrentAsync(ct);
        Certifications = (await db.Certifications.AsNoTracking().Select(c => new { c.Id, c.Name }).ToListAsync(ct))
            .OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase).Select(c => (c.Id, c.Name)).ToList();
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private string Say(DomainException refusal)
    {
        foreach (var (english, facts) in Refusals)
        {
            if (string.Format(System.Globalization.CultureInfo.InvariantCulture, english, facts) == refusal.Message)
            {
                return words[english, facts].Value;
            }
        }

        return refusal.Message;
    }

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
            Problem = Say(e);
            await LoadAsync(ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }
}
