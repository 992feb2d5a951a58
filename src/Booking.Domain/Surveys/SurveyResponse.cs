namespace Booking.Domain.Surveys;

/// <summary>
/// One set of answers. <see cref="PatronId"/> is set only for a signed-in patron (so they can change their answers)
/// and cleared when they close their account; an anonymous visitor's response names no one.
/// </summary>
public sealed class SurveyResponse
{
    private SurveyResponse()
    {
    }

    public SurveyResponse(Guid surveyId, Guid? patronId, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        SurveyId = surveyId;
        PatronId = patronId;
        AnsweredAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }

    public Guid SurveyId { get; private set; }

    public Guid? PatronId { get; private set; }

    public DateTime AnsweredAtUtc { get; private set; }

    public void Answered(DateTime nowUtc) => AnsweredAtUtc = nowUtc;

    /// <summary>Keeps the answers counted but no longer linked to anyone (the patron closed their account).</summary>
    public void Anonymise() => PatronId = null;
}

/// <summary>A choice picked in a response: one row per choice, what results count.</summary>
public sealed class SurveyResponseChoice
{
    private SurveyResponseChoice()
    {
    }

    public SurveyResponseChoice(Guid responseId, Guid questionId, Guid choiceId)
    {
        ResponseId = responseId;
        QuestionId = questionId;
        ChoiceId = choiceId;
    }

    public Guid ResponseId { get; private set; }

    public Guid QuestionId { get; private set; }

    public Guid ChoiceId { get; private set; }
}
