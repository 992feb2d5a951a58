using Booking.Domain.Common;

namespace Booking.Domain.Surveys;

/// <summary>
/// The community skills survey the admins write: ordered questions of single or multiple choice. Answers are kept
/// as counts per choice for reports; a patron's link to their answers exists only so they can change them.
/// </summary>
public sealed class Survey
{
    public const int MaxQuestions = 30;
    public const int MaxChoices = 20;
    public const int MaxTitleLength = 120;
    public const int MaxIntroLength = 1000;
    public const int MaxTextLength = 200;

    private readonly List<SurveyQuestion> _questions = [];

    private Survey()
    {
    }

    public Survey(string title, string? intro, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        Rename(title, intro, nowUtc);
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public string Intro { get; private set; } = "";

    public bool IsOpen { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    public IReadOnlyList<SurveyQuestion> Questions => _questions;

    /// <summary>The questions in the order patrons see them.</summary>
    public IEnumerable<SurveyQuestion> Ordered => _questions.OrderBy(q => q.Position);

    public void Rename(string title, string? intro, DateTime nowUtc)
    {
        Title = Text(title, MaxTitleLength, "The survey needs a title.");
        intro = intro?.Trim() ?? "";
        if (intro.Length > MaxIntroLength)
        {
            throw new DomainException(ErrorCodes.Validation, "The introduction may be at most {0} characters.", MaxIntroLength);
        }

        Intro = intro;
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>Opens the survey to answers; a survey with no question, or a question with no choice, cannot be answered.</summary>
    public void Open(DateTime nowUtc)
    {
        if (_questions.Count == 0 || _questions.Any(q => q.Choices.Count == 0))
        {
            throw new DomainException(ErrorCodes.InvalidState, "Every question needs at least one choice before the survey can open.");
        }

        IsOpen = true;
        UpdatedAtUtc = nowUtc;
    }

    public void Close(DateTime nowUtc)
    {
        IsOpen = false;
        UpdatedAtUtc = nowUtc;
    }

    public SurveyQuestion AddQuestion(string text, bool multiple, bool required, bool wantToLearn, DateTime nowUtc)
    {
        if (_questions.Count >= MaxQuestions)
        {
            throw new DomainException(ErrorCodes.Validation, "A survey may have at most {0} questions.", MaxQuestions);
        }

        if (wantToLearn && _questions.Any(q => q.WantToLearn))
        {
            throw new DomainException(ErrorCodes.Validation, "Only one question can ask what people want to learn.");
        }

        var question = new SurveyQuestion(Id, _questions.Count == 0 ? 1 : _questions.Max(q => q.Position) + 1,
            Text(text, MaxTextLength, "A question needs its words."), multiple, required, wantToLearn);
        _questions.Add(question);
        UpdatedAtUtc = nowUtc;
        return question;
    }

    public SurveyChoice AddChoice(Guid questionId, string text, DateTime nowUtc)
    {
        var question = Question(questionId);
        if (question.Choices.Count >= MaxChoices)
        {
            throw new DomainException(ErrorCodes.Validation, "A question may have at most {0} choices.", MaxChoices);
        }

        var words = Text(text, MaxTextLength, "A choice needs its words.");
        if (question.Choices.Any(c => string.Equals(c.Text, words, StringComparison.OrdinalIgnoreCase)))
        {
            throw new DomainException(ErrorCodes.Validation, "That question already has this choice.");
        }

        var choice = question.Add(words);
        UpdatedAtUtc = nowUtc;
        return choice;
    }

    /// <summary>
    /// Says which certification a choice of the "want to learn" question is about, so the demand view counts its
    /// answers toward that certification's training; null makes the choice a topic of its own (a workshop).
    /// </summary>
    public void ChoiceAbout(Guid questionId, Guid choiceId, Guid? certificationId, DateTime nowUtc)
    {
        var question = Question(questionId);
        if (certificationId is not null && !question.WantToLearn)
        {
            throw new DomainException(ErrorCodes.Validation, "Only the choices of the question asking what people want to learn can name a certification.");
        }

        question.Choice(choiceId).About(certificationId);
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>Removes a question (and, in the database, the answers given to it).</summary>
    public void RemoveQuestion(Guid questionId, DateTime nowUtc)
    {
        _questions.Remove(Question(questionId));
        if (IsOpen && _questions.Count == 0)
        {
            IsOpen = false;
        }

        UpdatedAtUtc = nowUtc;
    }

    public void RemoveChoice(Guid questionId, Guid choiceId, DateTime nowUtc)
    {
        var question = Question(questionId);
        if (IsOpen && question.Choices.Count == 1)
        {
            throw new DomainException(ErrorCodes.InvalidState, "Close the survey before removing a question's last choice.");
        }

        question.Remove(choiceId);
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>
    /// Checks one person's answers (question id → chosen choice ids) against the survey and gives the choices to store.
    /// Every problem is reported, keyed by the question, so a form can show each beside its question; nothing is stored
    /// unless there are none.
    /// </summary>
    public SurveyCheck Check(IReadOnlyDictionary<Guid, IReadOnlyCollection<Guid>> answers)
    {
        var problems = new List<SurveyProblem>();
        if (!IsOpen)
        {
            problems.Add(new SurveyProblem("survey", ErrorCodes.Closed, "The survey is closed."));
            return new SurveyCheck([], problems);
        }

        foreach (var questionId in answers.Keys.Where(id => _questions.All(q => q.Id != id)))
        {
            problems.Add(new SurveyProblem(questionId.ToString(), ErrorCodes.Validation, "That question is not in this survey."));
        }

        var chosen = new List<SurveyAnswer>();
        foreach (var question in Ordered)
        {
            var picks = answers.TryGetValue(question.Id, out var ids) ? ids.Distinct().ToList() : [];
            var field = question.Id.ToString();
            if (picks.Any(id => question.Choices.All(c => c.Id != id)))
            {
                problems.Add(new SurveyProblem(field, ErrorCodes.Validation, $"“{question.Text}”: that choice does not belong to this question."));
                continue;
            }

            if (!question.Multiple && picks.Count > 1)
            {
                problems.Add(new SurveyProblem(field, ErrorCodes.Validation, $"“{question.Text}”: choose one answer."));
                continue;
            }

            if (question.Required && picks.Count == 0)
            {
                problems.Add(new SurveyProblem(field, ErrorCodes.Validation, $"“{question.Text}”: please answer this question."));
                continue;
            }

            chosen.AddRange(picks.Select(id => new SurveyAnswer(question.Id, id)));
        }

        return new SurveyCheck(problems.Count == 0 ? chosen : [], problems);
    }

    private SurveyQuestion Question(Guid questionId) =>
        _questions.FirstOrDefault(q => q.Id == questionId) ?? throw new DomainException(ErrorCodes.NotFound, "That question is not in this survey.");

    internal static string Text(string? text, int max, string missing)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainException(ErrorCodes.Validation, missing);
        }

        var trimmed = text.Trim();
        return trimmed.Length <= max ? trimmed : throw new DomainException(ErrorCodes.Validation, "At most {0} characters, please.", max);
    }
}

/// <summary>A question of the survey, single or multiple choice; <see cref="WantToLearn"/> marks the one that asks what people want to learn.</summary>
public sealed class SurveyQuestion
{
    private readonly List<SurveyChoice> _choices = [];

    private SurveyQuestion()
    {
    }

    internal SurveyQuestion(Guid surveyId, int position, string text, bool multiple, bool required, bool wantToLearn)
    {
        Id = Guid.NewGuid();
        SurveyId = surveyId;
        Position = position;
        Text = text;
        Multiple = multiple;
        Required = required;
        WantToLearn = wantToLearn;
    }

    public Guid Id { get; private set; }

    public Guid SurveyId { get; private set; }

    public int Position { get; private set; }

    public string Text { get; private set; } = "";

    public bool Multiple { get; private set; }

    public bool Required { get; private set; }

    public bool WantToLearn { get; private set; }

    public IReadOnlyList<SurveyChoice> Choices => _choices;

    public IEnumerable<SurveyChoice> Ordered => _choices.OrderBy(c => c.Position);

    internal SurveyChoice Add(string text)
    {
        var choice = new SurveyChoice(Id, _choices.Count == 0 ? 1 : _choices.Max(c => c.Position) + 1, text);
        _choices.Add(choice);
        return choice;
    }

    internal void Remove(Guid choiceId) => _choices.Remove(Choice(choiceId));

    internal SurveyChoice Choice(Guid choiceId) =>
        _choices.FirstOrDefault(c => c.Id == choiceId) ?? throw new DomainException(ErrorCodes.NotFound, "That choice is not in this question.");
}

/// <summary>One of a question's choices.</summary>
public sealed class SurveyChoice
{
    private SurveyChoice()
    {
    }

    internal SurveyChoice(Guid questionId, int position, string text)
    {
        Id = Guid.NewGuid();
        QuestionId = questionId;
        Position = position;
        Text = text;
    }

    public Guid Id { get; private set; }

    public Guid QuestionId { get; private set; }

    public int Position { get; private set; }

    public string Text { get; private set; } = "";

    /// <summary>For a "want to learn" choice, the certification it is about (its answers count toward that training); null when the choice is a topic of its own.</summary>
    public Guid? CertificationId { get; private set; }

    internal void About(Guid? certificationId) => CertificationId = certificationId;
}

/// <summary>A choice someone picked for a question.</summary>
public sealed record SurveyAnswer(Guid QuestionId, Guid ChoiceId);

/// <summary>What is wrong with a set of answers: the field (a question id, or "survey"), a stable code and words.</summary>
public sealed record SurveyProblem(string Field, string Code, string Message);

/// <summary>The answers to store (none when there is any problem) and the problems found.</summary>
public sealed record SurveyCheck(IReadOnlyList<SurveyAnswer> Answers, IReadOnlyList<SurveyProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}
