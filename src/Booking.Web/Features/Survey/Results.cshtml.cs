using Booking.Workflows.Surveys;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Booking.Web.Features.Survey;

/// <summary>The survey's results for staff: a chart and a table per question, counts only.</summary>
[Authorize(Policy = MakerspaceApp.StaffPolicy)]
public sealed class ResultsModel(SurveyAnswers answers) : PageModel
{
    public SurveyResults? Results { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Results = await answers.ResultsAsync(ct);
}
