using Booking.Data;
using Booking.Data.Identity;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Booking.BrowserTests;

/// <summary>
/// The skills survey in a real browser: a visitor and a patron answer it with JavaScript off (from the home page's
/// invitation), the patron changes their answers, and staff read the results; axe-core at 1280 and 360 px.
/// </summary>
public sealed class SurveyJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Fact]
    public async Task VisitorAndPatron_AnswerWithoutJavaScript_StaffReadTheResults()
    {
        await SeedAsync();
        var visitor = await host.NewPageAsync(javaScript: false);
        await visitor.GotoAsync("/");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Answer the skills survey" }).ClickAsync();
        await visitor.ArriveAtAsync("/survey");
        await visitor.GetByRole(AriaRole.Group, new() { Name = "Would you mentor others or teach a workshop? (required)" }).GetByLabel("Maybe later").CheckAsync();
        await visitor.GetByLabel("Electronics and soldering").Nth(1).CheckAsync();
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();
        await visitor.ArriveAtAsync("/survey/thanks");
        visitor.ShouldHaveNoPolicyViolations();

        var patron = await host.SignInNewAsync();
        var page = await host.NewPageAsync(javaScript: false);
        await new SignInPage(page).SignInAsync(patron.Email, MakerspaceHost.Password);
        await page.GotoAsync("/survey");
        var mentor = page.GetByRole(AriaRole.Group, new() { Name = "Would you mentor others or teach a workshop? (required)" });
        await mentor.GetByLabel("Yes, I would teach a workshop").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("your answers are saved");
        await Assertions.Expect(mentor.GetByLabel("Yes, I would teach a workshop")).ToBeCheckedAsync();
        await mentor.GetByLabel("Maybe later").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Update my answers" }).ClickAsync();
        await Assertions.Expect(mentor.GetByLabel("Maybe later")).ToBeCheckedAsync();

        var staff = await host.SignInNewAsync(Roles.Staff);
        var desk = await host.NewPageAsync(javaScript: false);
        await new SignInPage(desk).SignInAsync(staff.Email, MakerspaceHost.Password);
        await desk.GotoAsync("/reports/survey");
        var table = desk.GetByRole(AriaRole.Table, new() { Name = "Answers: Would you mentor others or teach a workshop?" });
        await Assertions.Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "Maybe later" })).ToContainTextAsync("Maybe later 2");
        await Assertions.Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "Yes, I would teach a workshop" })).ToContainTextAsync("workshop 0");
        await Assertions.Expect(desk.GetByRole(AriaRole.Img, new() { Name = "Would you mentor others or teach a workshop?" })).ToBeVisibleAsync();
        await desk.SaveScreenshotAsync("survey-results-nojs");
    }

    [Fact]
    [Trait(Layout.Trait, Layout.Only)]
    public async Task SurveyAndResults_AtDesktopAndPhoneWidths_Accessible()
    {
        await SeedAsync();
        var staff = await host.SignInNewAsync(Roles.Admin);
        var page = await host.NewPageAsync();
        await new SignInPage(page).SignInAsync(staff.Email, MakerspaceHost.Password);
        foreach (var width in new[] { 1280, 360 })
        {
            await page.SetViewportSizeAsync(width, 800);
            foreach (var (path, name) in new[] { ("/", "home"), ("/survey", "answer"), ("/reports/survey", "results"), ("/admin/survey", "admin") })
            {
                await page.GotoAsync(path);
                await page.ShouldBeAccessibleAsync();
                var scroll = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
                Assert.True(scroll <= width, $"{path} is {scroll} px wide at {width} px");
                await page.SaveScreenshotAsync($"survey-{name}-{width}px");
            }
        }
    }

    // The demo's survey, once for the class.
    private Task SeedAsync() => host.InScopeAsync(async db =>
    {
        if (!await db.Surveys.AnyAsync())
        {
            db.Surveys.Add(DemoData.SkillsSurvey(host.Clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync();
        }

        return 0;
    });
}
