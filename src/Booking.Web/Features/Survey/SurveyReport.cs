using System.Globalization;
using Booking.Web.Features.Reports;
using Booking.Workflows.Surveys;
using Microsoft.AspNetCore.Html;

namespace Booking.Web.Features.Survey;

/// <summary>The survey's results as the reports show them: a bar chart per question and one table (and CSV) of counts.</summary>
public static class SurveyReport
{
    public static IHtmlContent Chart(SurveyQuestionResult question, int index)
    {
        var groups = question.Choices.Select(c => new BarGroup(c.Choice, [c.Count])).ToList();
        var said = string.Join("; ", question.Choices.Select(c => $"{c.Choice}: {c.Count}"));
        var max = Math.Max(1, question.Choices.Select(c => c.Count).DefaultIfEmpty(0).Max());
        return SvgChart.Bars($"chart-survey-{index}", question.Question,
            $"How many people chose each answer{(question.Multiple ? " (several could be chosen)" : "")}. {said}.",
            [new BarSeries("People", SvgChart.Palette[0])], groups, v => v.ToString("0", CultureInfo.InvariantCulture), max);
    }

    public static ReportTable Table(SurveyResults results) => new(
        "survey", "Skills survey: answers per choice",
        [new("Question", ColumnFormat.Text), new("Answer", ColumnFormat.Text), new("People", ColumnFormat.Count)],
        results.Questions.SelectMany(q => q.Choices.Select(c => new object?[] { q.Question, c.Choice, c.Count })).ToList());

    /// <summary>One question's rows, for the table beside its chart.</summary>
    public static ReportTable Table(SurveyQuestionResult question) => new(
        "survey", $"Answers: {question.Question}",
        [new("Answer", ColumnFormat.Text), new("People", ColumnFormat.Count)],
        question.Choices.Select(c => new object?[] { c.Choice, c.Count }).ToList());
}
