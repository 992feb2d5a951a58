using Booking.Web.Features.Reports;
using Booking.Workflows.Surveys;
using Microsoft.AspNetCore.Html;

namespace Booking.Web.Features.Survey;

/// <summary>
/// The survey's results as the reports show them: a bar chart per question and one table (and CSV) of counts. The
/// page's words are the reader's (<see cref="ReportWords.Reader"/>); the CSV's headings stay stable English.
/// </summary>
public static class SurveyReport
{
    public static IHtmlContent Chart(SurveyQuestionResult question, int index)
    {
        var w = ReportWords.Reader;
        var groups = question.Choices.Select(c => new BarGroup(c.Choice, [c.Count])).ToList();
        var said = string.Join("; ", question.Choices.Select(c => $"{c.Choice}: {c.Count}"));
        var max = Math.Max(1, question.Choices.Select(c => c.Count).DefaultIfEmpty(0).Max());
        return SvgChart.Bars($"chart-survey-{index}", question.Question,
            question.Multiple ? w["How many people chose each answer (several could be chosen). {0}.", said] : w["How many people chose each answer. {0}.", said],
            [new BarSeries(w["People"], SvgChart.Palette[0])], groups, w.Count, max, w);
    }

    /// <summary>Every question's rows, for the CSV download (English headings).</summary>
    public static ReportTable Table(SurveyResults results) => new(
        "survey", "Skills survey: answers per choice",
        [new("Question", ColumnFormat.Text), new("Answer", ColumnFormat.Text), new("People", ColumnFormat.Count)],
        results.Questions.SelectMany(q => q.Choices.Select(c => new object?[] { q.Question, c.Choice, c.Count })).ToList());

    /// <summary>One question's rows, for the table beside its chart, in the reader's words.</summary>
    public static ReportTable Table(SurveyQuestionResult question, ReportWords w) => new(
        "survey", w["Answers: {0}", question.Question],
        [new(w["Answer"], ColumnFormat.Text), new(w["People"], ColumnFormat.Count)],
        question.Choices.Select(c => new object?[] { c.Choice, c.Count }).ToList());
}
