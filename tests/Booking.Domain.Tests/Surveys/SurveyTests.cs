using Booking.Domain.Common;
using Booking.Domain.Surveys;
using Booking.Domain.Tests.Support;

namespace Booking.Domain.Tests.Surveys;

public sealed class SurveyTests
{
    private static readonly DateTime Now = new(2026, 1, 12, 12, 0, 0, DateTimeKind.Utc);

    private static (Survey Survey, SurveyQuestion Single, SurveyQuestion Multiple) Written()
    {
        var survey = new Survey("Skills survey", "Tell us.", Now);
        var single = survey.AddQuestion("Would you mentor?", multiple: false, required: true, wantToLearn: false, Now);
        survey.AddChoice(single.Id, "Yes", Now);
        survey.AddChoice(single.Id, "No", Now);
        var multiple = survey.AddQuestion("What would you like to learn?", multiple: true, required: false, wantToLearn: true, Now);
        survey.AddChoice(multiple.Id, "Soldering", Now);
        survey.AddChoice(multiple.Id, "Sewing", Now);
        survey.Open(Now);
        return (survey, single, multiple);
    }

    private static Dictionary<Guid, IReadOnlyCollection<Guid>> Answers(params (Guid Question, Guid[] Choices)[] answers) =>
        answers.ToDictionary(a => a.Question, a => (IReadOnlyCollection<Guid>)a.Choices);

    [Fact]
    public void Check_ValidAnswers_GivesEveryChoice()
    {
        var (survey, single, multiple) = Written();
        var check = survey.Check(Answers((single.Id, [single.Choices[0].Id]), (multiple.Id, [multiple.Choices[0].Id, multiple.Choices[1].Id])));
        Assert.True(check.IsValid);
        Assert.Equal(3, check.Answers.Count);
    }

    [Fact]
    public void Check_ChoiceOfAnotherQuestion_RefusedOnThatQuestionNothingGiven()
    {
        var (survey, single, multiple) = Written();
        var check = survey.Check(Answers((single.Id, [multiple.Choices[0].Id])));
        var problem = Assert.Single(check.Problems);
        Assert.Equal((single.Id.ToString(), ErrorCodes.Validation), (problem.Field, problem.Code));
        Assert.Empty(check.Answers);
    }

    [Fact]
    public void Check_TwoChoicesForSingleChoice_Refused()
    {
        var (survey, single, _) = Written();
        var check = survey.Check(Answers((single.Id, [single.Choices[0].Id, single.Choices[1].Id])));
        Assert.Contains("choose one", Assert.Single(check.Problems).Message, StringComparison.Ordinal);
        Assert.Empty(check.Answers);
    }

    [Fact]
    public void Check_SameChoiceTwice_CountedOnce()
    {
        var (survey, single, _) = Written();
        var check = survey.Check(Answers((single.Id, [single.Choices[0].Id, single.Choices[0].Id])));
        Assert.True(check.IsValid);
        Assert.Single(check.Answers);
    }

    [Fact]
    public void Check_RequiredMissing_RefusedOptionalMissing_Fine()
    {
        var (survey, single, multiple) = Written();
        Assert.Equal(single.Id.ToString(), Assert.Single(survey.Check(Answers((multiple.Id, [multiple.Choices[0].Id]))).Problems).Field);
        Assert.True(survey.Check(Answers((single.Id, [single.Choices[1].Id]))).IsValid);
    }

    [Fact]
    public void Check_UnknownQuestion_Refused()
    {
        var (survey, single, _) = Written();
        var check = survey.Check(Answers((single.Id, [single.Choices[1].Id]), (Guid.NewGuid(), [single.Choices[0].Id])));
        Assert.Single(check.Problems);
    }

    [Fact]
    public void Check_Closed_RefusedWithClosedCode()
    {
        var (survey, single, _) = Written();
        survey.Close(Now);
        Assert.Equal(ErrorCodes.Closed, Assert.Single(survey.Check(Answers((single.Id, [single.Choices[0].Id]))).Problems).Code);
    }

    [Fact]
    public void Open_QuestionWithoutChoices_Refused()
    {
        var survey = new Survey("Survey", null, Now);
        RefusalAssertions.ShouldThrowDomain(() => survey.Open(Now), ErrorCodes.InvalidState);
        survey.AddQuestion("Anything?", false, false, false, Now);
        RefusalAssertions.ShouldThrowDomain(() => survey.Open(Now), ErrorCodes.InvalidState);
        Assert.False(survey.IsOpen);
    }

    [Fact]
    public void Limits_QuestionsChoicesAndText()
    {
        var survey = new Survey("Survey", null, Now);
        for (var i = 0; i < Survey.MaxQuestions; i++)
        {
            survey.AddQuestion($"Question {i}", false, false, false, Now);
        }

        RefusalAssertions.ShouldThrowDomain(() => survey.AddQuestion("One more", false, false, false, Now), ErrorCodes.Validation);
        var question = survey.Questions[0];
        for (var i = 0; i < Survey.MaxChoices; i++)
        {
            survey.AddChoice(question.Id, $"Choice {i}", Now);
        }

        RefusalAssertions.ShouldThrowDomain(() => survey.AddChoice(question.Id, "One more", Now), ErrorCodes.Validation);
        RefusalAssertions.ShouldThrowDomain(() => survey.AddChoice(survey.Questions[1].Id, new string('x', Survey.MaxTextLength + 1), Now), ErrorCodes.Validation);
        RefusalAssertions.ShouldThrowDomain(() => survey.AddChoice(survey.Questions[1].Id, "  ", Now), ErrorCodes.Validation);
        RefusalAssertions.ShouldThrowDomain(() => survey.AddChoice(question.Id, "Choice 0", Now), ErrorCodes.Validation);
        RefusalAssertions.ShouldThrowDomain(() => new Survey(new string('t', Survey.MaxTitleLength + 1), null, Now), ErrorCodes.Validation);
        RefusalAssertions.ShouldThrowDomain(() => survey.Rename("Survey", new string('i', Survey.MaxIntroLength + 1), Now), ErrorCodes.Validation);
    }

    [Fact]
    public void WantToLearn_OnlyOneQuestion()
    {
        var (survey, _, _) = Written();
        RefusalAssertions.ShouldThrowDomain(() => survey.AddQuestion("And also?", true, false, wantToLearn: true, Now), ErrorCodes.Validation);
    }

    [Fact]
    public void Questions_AndChoices_KeepTheirOrder()
    {
        var (survey, single, multiple) = Written();
        Assert.Equal([single.Id, multiple.Id], survey.Ordered.Select(q => q.Id));
        Assert.Equal(["Yes", "No"], single.Ordered.Select(c => c.Text));
    }
}
