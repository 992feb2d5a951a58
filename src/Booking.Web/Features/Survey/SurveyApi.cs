using Booking.Web.Features.Reports;
using Booking.Web.Infrastructure;
using Booking.Workflows.Surveys;

namespace Booking.Web.Features.Survey;

/// <summary>
/// The survey's results for staff and admins: <c>GET /api/v1/reports/survey</c> (JSON) and <c>/reports/survey.csv</c>.
/// Counts per answer only: nothing here says who answered.
/// </summary>
public static class SurveyApi
{
    public static IEndpointRouteBuilder MapSurveyReportApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/reports/survey", async (SurveyAnswers answers, CancellationToken ct) =>
                await answers.ResultsAsync(ct) is { } results ? Results.Ok(results) : Problems.NotFound("survey"))
            .WithTags("Reports").RequireAuthorization(MakerspaceApp.StaffPolicy);
        return api;
    }

    public static IEndpointRouteBuilder MapSurveyDownload(this IEndpointRouteBuilder app)
    {
        // ?question= narrows the file to one question (the link beside each question's table).
        app.MapGet("/reports/survey.csv", async (Guid? question, SurveyAnswers answers, HttpResponse response, CancellationToken ct) =>
        {
            if (await answers.ResultsAsync(ct) is not { } results)
            {
                return Problems.NotFound("survey");
            }

            var file = "makerspace-survey.csv";
            if (question is { } id)
            {
                // Each question's file has a name of its own, so downloading several keeps them apart.
                var number = results.Questions.Select(q => q.QuestionId).ToList().IndexOf(id) + 1;
                results = results with { Questions = results.Questions.Where(q => q.QuestionId == id).ToList() };
                if (results.Questions.Count == 0)
                {
                    return Problems.NotFound("question");
                }

                file = $"makerspace-survey-question-{number}.csv";
            }

            response.ContentType = ReportCsv.ContentType;
            response.Headers.ContentDisposition = $"attachment; filename=\"{file}\"";
            await ReportCsv.WriteAsync(response.Body, SurveyReport.Table(results), ct);
            return Results.Empty;
        }).RequireAuthorization(MakerspaceApp.StaffPolicy).ExcludeFromDescription();
        return app;
    }
}
