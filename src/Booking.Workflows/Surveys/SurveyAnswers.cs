using Booking.Data;
using Booking.Domain.Surveys;
using Microsoft.EntityFrameworkCore;

namespace Booking.Workflows.Surveys;

/// <summary>
/// Answering the skills survey and counting its answers. Counts are per choice, never per person: no query here
/// gives who answered what, except a signed-in patron's own answers (to pre-fill their form).
/// </summary>
public sealed class SurveyAnswers(BookingDbContext db, TimeProvider clock)
{
    /// <summary>The survey (the first one written), with its questions and choices; null before an admin writes one.</summary>
    public Task<Survey?> CurrentAsync(CancellationToken ct) =>
        db.Surveys.Include(s => s.Questions).ThenInclude(q => q.Choices).AsSplitQuery().OrderBy(s => s.UpdatedAtUtc).ThenBy(s => s.Id).FirstOrDefaultAsync(ct);

    /// <summary>Whether the home page should invite people to answer.</summary>
    public Task<bool> IsOpenAsync(CancellationToken ct) => db.Surveys.AnyAsync(s => s.IsOpen, ct);

    /// <summary>The choices a patron picked last time (empty if they have not answered).</summary>
    public async Task<IReadOnlySet<Guid>> MineAsync(Guid surveyId, Guid patronId, CancellationToken ct) =>
        (await db.SurveyResponseChoices
            .Where(a => db.SurveyResponses.Any(r => r.Id == a.ResponseId && r.SurveyId == surveyId && r.PatronId == patronId))
            .Select(a => a.ChoiceId).ToListAsync(ct)).ToHashSet();

    /// <summary>
    /// Stores one person's answers after the survey checks them; a signed-in patron's new answers replace their old
    /// ones. Nothing is stored when there is any problem.
    /// </summary>
    public async Task<SurveyCheck> AnswerAsync(Guid? patronId, IReadOnlyDictionary<Guid, IReadOnlyCollection<Guid>> answers, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        if (patronId is { } id)
        {
            // Two parallel submissions by one patron take turns here (SQLite's writer lock does the same).
            await transaction.LockPatronAsync(id, ct);
        }

        var survey = await CurrentAsync(ct);
        if (survey is null)
        {
            return new SurveyCheck([], [new SurveyProblem("survey", Domain.Common.ErrorCodes.NotFound, "There is no survey to answer.")]);
        }

        var check = survey.Check(answers);
        if (!check.IsValid)
        {
            return check;
        }

        var response = patronId is null ? null : await db.SurveyResponses.FirstOrDefaultAsync(r => r.SurveyId == survey.Id && r.PatronId == patronId, ct);
        if (response is null)
        {
            response = new SurveyResponse(survey.Id, patronId, now);
            db.SurveyResponses.Add(response);
        }
        else
        {
            response.Answered(now);
            await db.SurveyResponseChoices.Where(a => a.ResponseId == response.Id).ExecuteDeleteAsync(ct);
        }

        db.SurveyResponseChoices.AddRange(check.Answers.Select(a => new SurveyResponseChoice(response.Id, a.QuestionId, a.ChoiceId)));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return check;
    }

    /// <summary>Counts per choice of every question, in the survey's order, and how many responses there are.</summary>
    public async Task<SurveyResults?> ResultsAsync(CancellationToken ct)
    {
        var survey = await CurrentAsync(ct);
        if (survey is null)
        {
            return null;
        }

        var counts = await CountsAsync(survey.Id, ct);
        var responses = await db.SurveyResponses.CountAsync(r => r.SurveyId == survey.Id, ct);
        var questions = survey.Ordered.Select(q => new SurveyQuestionResult(
            q.Id, q.Text, q.Multiple, q.WantToLearn,
            q.Ordered.Select(c => new SurveyChoiceCount(c.Id, c.Text, counts.GetValueOrDefault(c.Id))).ToList())).ToList();
        return new SurveyResults(survey.Title, survey.IsOpen, responses, questions);
    }

    /// <summary>
    /// "Want to learn" demand: for the survey's question marked <see cref="SurveyQuestion.WantToLearn"/>, how many
    /// people picked each choice and the certification the choice is about, if any (empty when there is no such
    /// question). The staff demand view reads this.
    /// </summary>
    public async Task<IReadOnlyList<WantToLearnCount>> WantToLearnCountsAsync(CancellationToken ct)
    {
        var survey = await CurrentAsync(ct);
        var question = survey?.Questions.FirstOrDefault(q => q.WantToLearn);
        if (survey is null || question is null)
        {
            return [];
        }

        var counts = await CountsAsync(survey.Id, ct);
        return question.Ordered.Select(c => new WantToLearnCount(c.Id, c.Text, c.CertificationId, counts.GetValueOrDefault(c.Id))).ToList();
    }

    /// <summary>
    /// How many people want to learn something about each certification: responses that picked at least one "want to
    /// learn" choice naming it (someone who ticked both "Laser cutting" and "Laser engraving" is one person).
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, int>> WantToLearnPeopleByCertificationAsync(CancellationToken ct)
    {
        var survey = await CurrentAsync(ct);
        var question = survey?.Questions.FirstOrDefault(q => q.WantToLearn);
        if (survey is null || question is null)
        {
            return new Dictionary<Guid, int>();
        }

        return await (
                from a in db.SurveyResponseChoices
                join c in db.Set<SurveyChoice>() on a.ChoiceId equals c.Id
                where a.QuestionId == question.Id && c.CertificationId != null
                group a.ResponseId by c.CertificationId!.Value into g
                select new { g.Key, People = g.Distinct().Count() })
            .ToDictionaryAsync(g => g.Key, g => g.People, ct);
    }

    // Counted in the database: one row per choice, never a row per person.
    private async Task<Dictionary<Guid, int>> CountsAsync(Guid surveyId, CancellationToken ct) =>
        await db.SurveyResponseChoices
            .Where(a => db.SurveyResponses.Any(r => r.Id == a.ResponseId && r.SurveyId == surveyId))
            .GroupBy(a => a.ChoiceId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
}

/// <summary>The survey's results: counts per answer, never per person.</summary>
public sealed record SurveyResults(string Title, bool IsOpen, int Responses, IReadOnlyList<SurveyQuestionResult> Questions);

/// <summary>A question's counts, choice by choice in the survey's order.</summary>
public sealed record SurveyQuestionResult(Guid QuestionId, string Question, bool Multiple, bool WantToLearn, IReadOnlyList<SurveyChoiceCount> Choices);

/// <summary>How many people picked a choice.</summary>
public sealed record SurveyChoiceCount(Guid ChoiceId, string Choice, int Count);

/// <summary>How many people want to learn what a choice names, and the certification it is about (null: a topic of its own).</summary>
public sealed record WantToLearnCount(Guid ChoiceId, string Choice, Guid? CertificationId, int Count);
