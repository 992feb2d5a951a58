using System.Globalization;
using System.Net;
using Booking.Data;
using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.Domain.Surveys;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Booking.BrowserTests;

/// <summary>Staff read the demand view and schedule the training it suggests, on a desktop and a phone.</summary>
public sealed class DemandJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Staff_SchedulesTheSuggestedTraining_FromTheDemandView()
    {
        var (staff, branch, room, certName) = await SeedAsync();
        var page = await host.NewPageAsync();
        await new SignInPage(page).SignInAsync(staff, MakerspaceHost.Password);
        await page.GotoAsync($"/desk/demand?locationId={branch}");
        await Assertions.Expect(page.GetByText("1 booking refused for want of this certification")).ToBeVisibleAsync();
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("demand-desktop");

        await page.GetByRole(AriaRole.Link, new() { Name = $"Schedule a training: {certName} training" }).ClickAsync();
        await page.ArriveAtAsync("/desk/sessions/new");
        await Assertions.Expect(page.GetByLabel("Title")).ToHaveValueAsync($"{certName} training");
        await page.GetByLabel("Room").SelectOptionAsync(new SelectOptionValue { Value = room.ToString() });
        var start = host.Clock.DaysAhead(Zone, 5, 10).DateTime;
        await page.GetByLabel("Start (local date and time)").FillAsync(start.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.GetByLabel("End (local date and time)").FillAsync(start.AddHours(2).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.ShouldBeAccessibleAsync();
        await page.SaveScreenshotAsync("new-session-desktop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule" }).ClickAsync();

        await Assertions.Expect(page.GetByText($"Scheduled {certName} training.")).ToBeVisibleAsync();
        Assert.True(await host.InScopeAsync(db => db.Sessions.AnyAsync(s => s.RoomId == room && s.Title == certName + " training")));
        await page.ShouldBeAccessibleAsync();
    }

    [Fact]
    [Trait(Layout.Trait, Layout.Only)]
    public async Task DemandAndNewSession_At360PixelsWide_AccessibleAndNoSidewaysScroll()
    {
        var (staff, branch, room, _) = await SeedAsync();
        var page = await host.NewPageAsync();
        await new SignInPage(page).SignInAsync(staff, MakerspaceHost.Password);
        await page.SetViewportSizeAsync(360, 740);
        await page.GotoAsync($"/desk/demand?locationId={branch}");
        await page.ShouldBeAccessibleAsync();
        await ShouldFitAsync(page);
        await page.SaveScreenshotAsync("demand-360px");

        await page.GotoAsync($"/desk/sessions/new?locationId={branch}");
        // The browser checks required fields; the server checks the rest and says so beside the field.
        await page.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Value = "workshop" });
        await page.GetByLabel("Title").FillAsync("Soldering again");
        await page.GetByLabel("Room").SelectOptionAsync(new SelectOptionValue { Value = room.ToString() });
        var start = host.Clock.DaysAhead(Zone, 6, 10).DateTime;
        await page.GetByLabel("Start (local date and time)").FillAsync(start.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.GetByLabel("End (local date and time)").FillAsync(start.AddHours(-1).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule" }).ClickAsync();
        await Assertions.Expect(page.GetByText("The end must be after the start.")).ToBeVisibleAsync();
        await page.ShouldBeAccessibleAsync();
        await ShouldFitAsync(page);
        await page.SaveScreenshotAsync("new-session-360px");
    }

    [Fact]
    public async Task AdminSaysWhatASurveyChoiceIsAbout_StaffSchedulesFromTheDemandView_WithoutJavaScript()
    {
        var (staff, branch, room, certName) = await SeedAsync();
        var admin = await host.SignInNewAsync(Roles.Admin);
        var adminPage = await host.NewPageAsync(javaScript: false);
        await new SignInPage(adminPage).SignInAsync(admin.Email, MakerspaceHost.Password);
        await adminPage.GotoAsync("/admin/survey");
        await adminPage.GetByLabel("Laser cutting: About").SelectOptionAsync(new SelectOptionValue { Label = $"{certName} training" });
        await adminPage.GetByRole(AriaRole.Button, new() { Name = "Save what “Laser cutting” is about" }).ClickAsync();
        await Assertions.Expect(adminPage.GetByRole(AriaRole.Status)).ToContainTextAsync("Choice saved");
        adminPage.ShouldHaveNoPolicyViolations();

        var page = await host.NewPageAsync(javaScript: false);
        await new SignInPage(page).SignInAsync(staff, MakerspaceHost.Password);
        await page.GotoAsync("/desk");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Staff desk" }).GetByRole(AriaRole.Link, new() { Name = "Demand" }).ClickAsync();
        await page.ArriveAtAsync("/desk/demand");
        await page.GetByLabel("Branch").SelectOptionAsync(new SelectOptionValue { Value = branch.ToString() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await page.ArriveAtAsync("/desk/demand");

        // Two people answered "Laser cutting": they now count toward the certification's training.
        var topic = page.Locator("ul.cards > li").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = certName, Exact = true }) });
        await Assertions.Expect(topic).ToContainTextAsync("2 people want to learn Laser cutting (skills survey)");
        await Assertions.Expect(topic).ToContainTextAsync("1 booking refused for want of this certification");
        var survey = page.GetByRole(AriaRole.Table, new() { Name = "What people want to learn, from the skills survey" });
        await Assertions.Expect(survey.GetByRole(AriaRole.Row).Filter(new() { HasText = "Laser cutting" })).ToContainTextAsync($"Laser cutting 2 {certName} training");
        await Assertions.Expect(survey.GetByRole(AriaRole.Row).Filter(new() { HasText = "Electronics and soldering" })).ToContainTextAsync("Electronics and soldering 1 A workshop of its own");
        await page.SaveScreenshotAsync("demand-without-javascript");

        await topic.GetByRole(AriaRole.Link, new() { Name = $"Schedule a training: {certName} training" }).ClickAsync();
        await page.ArriveAtAsync("/desk/sessions/new");
        await page.GetByLabel("Room").SelectOptionAsync(new SelectOptionValue { Value = room.ToString() });
        var start = host.Clock.DaysAhead(Zone, 8, 10).DateTime;
        await page.GetByLabel("Start (local date and time)").FillAsync(start.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.GetByLabel("End (local date and time)").FillAsync(start.AddHours(2).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule" }).ClickAsync();
        await Assertions.Expect(page.GetByText($"Scheduled {certName} training.")).ToBeVisibleAsync();
        Assert.True(await host.InScopeAsync(db => db.Sessions.AnyAsync(s => s.RoomId == room && s.Title == certName + " training")));
        page.ShouldHaveNoPolicyViolations();
    }

    private async Task<(string Staff, Guid Branch, Guid Room, string CertName)> SeedAsync()
    {
        await SurveyAsync();
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var branch = await host.BranchAsync(Zone);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var certName = "Resin printing " + Guid.NewGuid().ToString("N")[..6];
        var certification = await admin.Http.CertificationAsync(name: certName);
        await host.RequireAsync(printer.Id, certification);
        var patron = await host.SignInNewAsync();
        var start = host.Clock.DaysAhead(Zone, 2, 10);
        Assert.Equal(HttpStatusCode.Forbidden, (await patron.Http.BookAsync(printer.Id, start, start.AddHours(1))).StatusCode);
        // A workshop that filled up, with its long title, tests the layout too.
        var workshopStart = host.Clock.DaysAhead(Zone, 3, 14);
        var workshop = (await (await staff.Http.ScheduleAsync(new { kind = "workshop", title = "Soldering and simple circuits for absolute beginners", roomId = room.Id, start = workshopStart, end = workshopStart.AddHours(1), capacity = 1 })).JsonAsync())
            .GetProperty("id").GetGuid();
        await (await patron.Http.PostAsync($"/api/v1/sessions/{workshop}/registrations", null)).JsonAsync();
        return (staff.Email, branch.Id, room.Id, certName);
    }

    // The demo's survey, once for the class, with three anonymous answers to "what would you like to learn":
    // "Laser cutting" twice, "Electronics and soldering" once.
    private Task SurveyAsync() => host.InScopeAsync(async db =>
    {
        if (await db.Surveys.AnyAsync())
        {
            return 0;
        }

        var now = host.Clock.GetUtcNow().UtcDateTime;
        var survey = DemoData.SkillsSurvey(now);
        db.Surveys.Add(survey);
        var learn = survey.Questions.Single(q => q.WantToLearn);
        foreach (var choice in new[] { "Laser cutting", "Laser cutting", "Electronics and soldering" })
        {
            var response = new SurveyResponse(survey.Id, null, now);
            db.SurveyResponses.Add(response);
            db.SurveyResponseChoices.Add(new SurveyResponseChoice(response.Id, learn.Id, learn.Choices.Single(c => c.Text == choice).Id));
        }

        return await db.SaveChangesAsync();
    });

    private static async Task ShouldFitAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 360, $"{page.Url} is {width} px wide at a 360 px screen");
    }
}
