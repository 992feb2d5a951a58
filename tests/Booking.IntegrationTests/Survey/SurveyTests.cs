using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Booking.Data;
using Booking.Data.Identity;
using Booking.Domain.Surveys;
using Booking.IntegrationTests.Infrastructure;
using Booking.Workflows.Surveys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.IntegrationTests.Survey;

/// <summary>
/// The skills survey on the real database: answering and changing answers, anonymous answers, parallel submissions,
/// refusals that save nothing, who may see what, and results that never say who answered.
/// </summary>
public sealed class SurveyTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private static readonly SemaphoreSlim Once = new(1, 1);

    [Fact]
    public async Task Patron_answers_then_changes_answers_counts_move_not_double()
    {
        var survey = await SurveyAsync();
        var (has, learn, mentor) = (survey.Ordered.ElementAt(0), survey.Ordered.ElementAt(1), survey.Ordered.ElementAt(2));
        var before = await CountsAsync();
        var patron = await host.SignInNewAsync();
        var page = new PageSession(host);
        await page.SignInAsync(patron.Email, MakerspaceHost.Password);

        var (status, html, url) = await AnswerAsync(page, (has.Id, has.Choices[0].Id), (learn.Id, learn.Choices[1].Id), (learn.Id, learn.Choices[2].Id), (mentor.Id, mentor.Choices[0].Id));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("/survey", url?.AbsolutePath);
        Assert.Contains("your answers are saved", html, StringComparison.Ordinal);
        Assert.Contains("Update my answers", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{learn.Choices[1].Id}\" checked", html, StringComparison.Ordinal);

        // Again, differently: the old answers are replaced.
        (status, _, _) = await AnswerAsync(page, (learn.Id, learn.Choices[2].Id), (mentor.Id, mentor.Choices[3].Id));
        Assert.Equal(HttpStatusCode.OK, status);

        var after = await CountsAsync();
        Assert.Equal(before.GetValueOrDefault(has.Choices[0].Id), after.GetValueOrDefault(has.Choices[0].Id));
        Assert.Equal(before.GetValueOrDefault(learn.Choices[1].Id), after.GetValueOrDefault(learn.Choices[1].Id));
        Assert.Equal(before.GetValueOrDefault(learn.Choices[2].Id) + 1, after.GetValueOrDefault(learn.Choices[2].Id));
        Assert.Equal(before.GetValueOrDefault(mentor.Choices[0].Id), after.GetValueOrDefault(mentor.Choices[0].Id));
        Assert.Equal(before.GetValueOrDefault(mentor.Choices[3].Id) + 1, after.GetValueOrDefault(mentor.Choices[3].Id));
        Assert.Equal(1, await host.InScopeAsync(db => db.SurveyResponses.CountAsync(r => r.PatronId == patron.UserId)));

        // The demand view's query sees the same counts.
        using var scope = host.Services.CreateScope();
        var learning = await scope.ServiceProvider.GetRequiredService<SurveyAnswers>().WantToLearnCountsAsync(CancellationToken.None);
        Assert.Equal(learn.Ordered.Select(c => c.Id), learning.Select(c => c.ChoiceId));
        Assert.Equal(after.GetValueOrDefault(learn.Choices[2].Id), learning.Single(c => c.ChoiceId == learn.Choices[2].Id).Count);
    }

    [Fact]
    public async Task Anonymous_answer_is_counted_linked_to_no_one()
    {
        var survey = await SurveyAsync();
        var mentor = survey.Ordered.ElementAt(2);
        var before = await CountsAsync();
        var responses = await host.InScopeAsync(db => db.SurveyResponses.CountAsync(r => r.PatronId == null));

        var (status, html, url) = await AnswerAsync(new PageSession(host), (mentor.Id, mentor.Choices[1].Id));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("/survey/thanks", url?.AbsolutePath);
        Assert.Contains("Your answers are counted", html, StringComparison.Ordinal);
        Assert.Equal(before.GetValueOrDefault(mentor.Choices[1].Id) + 1, (await CountsAsync()).GetValueOrDefault(mentor.Choices[1].Id));
        Assert.Equal(responses + 1, await host.InScopeAsync(db => db.SurveyResponses.CountAsync(r => r.PatronId == null)));
    }

    [Fact]
    public async Task Parallel_submissions_of_one_patron_count_once()
    {
        var survey = await SurveyAsync();
        var mentor = survey.Ordered.ElementAt(2);
        var before = await CountsAsync();
        var patron = await host.SignInNewAsync();
        var page = new PageSession(host);
        await page.SignInAsync(patron.Email, MakerspaceHost.Password);
        var token = await page.FormTokenAsync("/survey");

        using var gate = new ManualResetEventSlim(false);
        var posts = Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            gate.Wait();
            return await page.PostFormAsync("/survey", token, Fields((mentor.Id, mentor.Choices[i % 2].Id)));
        })).ToList();
        gate.Set();
        var results = await Task.WhenAll(posts);

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var after = await CountsAsync();
        var added = (after.GetValueOrDefault(mentor.Choices[0].Id) - before.GetValueOrDefault(mentor.Choices[0].Id))
            + (after.GetValueOrDefault(mentor.Choices[1].Id) - before.GetValueOrDefault(mentor.Choices[1].Id));
        Assert.Equal(1, added);
        Assert.Equal(1, await host.InScopeAsync(db => db.SurveyResponses.CountAsync(r => r.PatronId == patron.UserId)));
    }

    [Fact]
    public async Task Choice_of_another_question_or_two_for_single_choice_refused_nothing_saved()
    {
        var survey = await SurveyAsync();
        var (has, mentor) = (survey.Ordered.ElementAt(0), survey.Ordered.ElementAt(2));
        var before = await AllRowsAsync();
        var page = new PageSession(host);

        var (status, html, _) = await AnswerAsync(page, (mentor.Id, has.Choices[0].Id));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("that choice does not belong to this question", html, StringComparison.Ordinal);
        Assert.Contains($"id=\"err-{mentor.Id}\"", html, StringComparison.Ordinal);

        (status, html, _) = await AnswerAsync(page, (mentor.Id, mentor.Choices[0].Id), (mentor.Id, mentor.Choices[1].Id));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("choose one answer", html, StringComparison.Ordinal);

        // Required question left out, a question that is not in the survey, a mangled id.
        (status, _, _) = await AnswerAsync(page, (has.Id, has.Choices[0].Id));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        (status, _, _) = await AnswerAsync(page, (Guid.NewGuid(), has.Choices[0].Id), (mentor.Id, mentor.Choices[0].Id));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var token = await page.FormTokenAsync("/survey");
        (status, _, _) = await page.PostFormAsync("/survey", token, [new($"q-{mentor.Id}", "not-an-id")]);
        Assert.Equal(HttpStatusCode.BadRequest, status);

        Assert.Equal(before, await AllRowsAsync());
    }

    [Fact]
    public async Task Closed_survey_refuses_answers_and_the_home_page_stops_inviting()
    {
        var survey = await SurveyAsync();
        var mentor = survey.Ordered.ElementAt(2);
        var page = new PageSession(host);
        Assert.Contains("answer the skills survey", await page.GetAsync("/"), StringComparison.Ordinal);
        var token = await page.FormTokenAsync("/survey");
        await SetOpenAsync(false);
        try
        {
            var before = await AllRowsAsync();
            var (status, html, _) = await page.PostFormAsync("/survey", token, Fields((mentor.Id, mentor.Choices[0].Id)));
            Assert.Equal(HttpStatusCode.Conflict, status);
            Assert.Contains("not open", html, StringComparison.Ordinal);
            Assert.Equal(before, await AllRowsAsync());
            Assert.DoesNotContain("answer the skills survey", await page.GetAsync("/"), StringComparison.Ordinal);
        }
        finally
        {
            await SetOpenAsync(true);
        }
    }

    [Fact]
    public async Task Who_may_see_what()
    {
        await SurveyAsync();
        var staff = await host.SignInNewAsync(Roles.Staff);
        var admin = await host.SignInNewAsync(Roles.Admin);
        var patron = await host.SignInNewAsync();
        var stranger = host.CreateClient(new() { AllowAutoRedirect = false });

        foreach (var url in (string[])["/reports/survey", "/reports/survey.csv", "/api/v1/reports/survey"])
        {
            Assert.Equal(HttpStatusCode.OK, (await staff.Http.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await patron.Http.GetAsync(url)).StatusCode);
            Assert.Equal(url.StartsWith("/api", StringComparison.Ordinal) ? HttpStatusCode.Unauthorized : HttpStatusCode.Redirect, (await stranger.GetAsync(url)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/admin/survey")).StatusCode);
        foreach (var client in new[] { staff.Http, patron.Http })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/survey")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await stranger.GetAsync("/admin/survey")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync("/survey")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await patron.Http.GetAsync("/survey")).StatusCode);
    }

    [Fact]
    public async Task Results_count_answers_and_never_say_who()
    {
        var survey = await SurveyAsync();
        var mentor = survey.Ordered.ElementAt(2);
        var maybeLater = mentor.Choices.Single(c => c.Text == "Maybe later");
        var patron = await host.SignInNewAsync();
        var page = new PageSession(host);
        await page.SignInAsync(patron.Email, MakerspaceHost.Password);
        await AnswerAsync(page, (mentor.Id, maybeLater.Id));
        var staff = await host.SignInNewAsync(Roles.Staff);

        var json = await (await staff.Http.GetAsync("/api/v1/reports/survey")).Content.ReadAsStringAsync();
        var csv = await (await staff.Http.GetAsync("/reports/survey.csv")).Content.ReadAsStringAsync();
        var html = await (await staff.Http.GetAsync("/reports/survey")).Content.ReadAsStringAsync();
        var counts = await CountsAsync();
        var root = JsonDocument.Parse(json).RootElement;
        var maybe = root.GetProperty("questions").EnumerateArray().SelectMany(q => q.GetProperty("choices").EnumerateArray())
            .Single(c => c.GetProperty("choiceId").GetGuid() == maybeLater.Id);
        Assert.Equal(counts[maybeLater.Id], maybe.GetProperty("count").GetInt32());
        Assert.Contains($"{mentor.Text},{maybeLater.Text},{counts[maybeLater.Id]}", csv, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"chart\" role=\"img\"", html, StringComparison.Ordinal);
        var one = await (await staff.Http.GetAsync($"/reports/survey.csv?question={mentor.Id}")).Content.ReadAsStringAsync();
        Assert.Contains($"{mentor.Text},{maybeLater.Text},", one, StringComparison.Ordinal);
        Assert.DoesNotContain(survey.Ordered.First().Text, one, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.Http.GetAsync($"/reports/survey.csv?question={Guid.NewGuid()}")).StatusCode);
        foreach (var text in new[] { json, csv, html })
        {
            Assert.DoesNotContain(patron.UserId.ToString(), text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(patron.Email, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Closing_an_account_keeps_answers_counted_but_unlinked()
    {
        var survey = await SurveyAsync();
        var mentor = survey.Ordered.ElementAt(2);
        var patron = await host.SignInNewAsync();
        var page = new PageSession(host);
        await page.SignInAsync(patron.Email, MakerspaceHost.Password);
        await AnswerAsync(page, (mentor.Id, mentor.Choices[2].Id));
        var counted = (await CountsAsync())[mentor.Choices[2].Id];

        using (var closed = await patron.Http.PostAsJsonAsync("/api/v1/account/close", new { password = MakerspaceHost.Password }))
        {
            Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        }

        Assert.Equal(counted, (await CountsAsync())[mentor.Choices[2].Id]);
        Assert.Equal(0, await host.InScopeAsync(db => db.SurveyResponses.CountAsync(r => r.PatronId == patron.UserId)));
    }

    // The demo's survey (four questions; the third is single choice and required), written once for the class.
    private async Task<Domain.Surveys.Survey> SurveyAsync()
    {
        await Once.WaitAsync();
        try
        {
            return await host.InScopeAsync(async db =>
            {
                if (!await db.Surveys.AnyAsync())
                {
                    db.Surveys.Add(DemoData.SkillsSurvey(host.Clock.GetUtcNow().UtcDateTime));
                    await db.SaveChangesAsync();
                }

                return await db.Surveys.AsNoTracking().Include(s => s.Questions).ThenInclude(q => q.Choices).SingleAsync();
            });
        }
        finally
        {
            Once.Release();
        }
    }

    private Task SetOpenAsync(bool open) => host.InScopeAsync(async db =>
    {
        var survey = await db.Surveys.Include(s => s.Questions).ThenInclude(q => q.Choices).SingleAsync();
        if (open)
        {
            survey.Open(host.Clock.GetUtcNow().UtcDateTime);
        }
        else
        {
            survey.Close(host.Clock.GetUtcNow().UtcDateTime);
        }

        return await db.SaveChangesAsync();
    });

    private static IEnumerable<KeyValuePair<string, string>> Fields(params (Guid Question, Guid Choice)[] answers) =>
        answers.Select(a => new KeyValuePair<string, string>($"q-{a.Question}", a.Choice.ToString()));

    private static async Task<(HttpStatusCode Status, string Html, Uri? Url)> AnswerAsync(PageSession page, params (Guid Question, Guid Choice)[] answers) =>
        await page.PostFormAsync("/survey", await page.FormTokenAsync("/survey"), Fields(answers));

    private Task<Dictionary<Guid, int>> CountsAsync() => host.InScopeAsync(db =>
        db.SurveyResponseChoices.GroupBy(a => a.ChoiceId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));

    private Task<(int Responses, int Choices)> AllRowsAsync() => host.InScopeAsync(async db =>
        (await db.SurveyResponses.CountAsync(), await db.SurveyResponseChoices.CountAsync()));
}
