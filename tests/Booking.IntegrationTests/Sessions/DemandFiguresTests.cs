using System.Net;
using System.Text.RegularExpressions;
using Booking.Data.Identity;
using Booking.Domain.Common;
using Booking.Domain.Reports;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.Domain.Surveys;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Booking.IntegrationTests.Sessions;

/// <summary>
/// The demand view's combined figures against a hand-counted library: the skills survey's "want to learn" answers
/// (choices about a certification count toward its training, in people; others are workshops of their own),
/// certification-required refusals, waiting-list joins and sessions that filled up. And how an admin says what a
/// survey choice is about.
/// </summary>
public sealed partial class DemandFiguresTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static Library? _library;

    [Fact]
    public async Task Demand_CombinesSurveyRefusalsWaitlistsAndFullSessions_AsHandCounted()
    {
        var library = await SeedAsync();
        var desk = new PageSession(host);
        await desk.SignInAsync(library.StaffEmail, MakerspaceHost.Password);
        var html = await desk.GetAsync($"/desk/demand?locationId={library.Branch}");

        // Laser cutter safety: 3 people (r1 ticked two laser choices, counted once), 6 refusals (not slot-taken 5, not
        // the 9 of 100 days ago, not the other branch's 4), 3 joins (not the one 100 days ago), its training full with 1 waiting.
        var laser = Topic(html, "Laser cutter safety");
        Assert.Contains("3 people want to learn Laser cutting or Laser engraving (skills survey)", laser);
        Assert.Contains("6 bookings refused for want of this certification", laser);
        Assert.Contains("3 waiting-list joins for equipment needing it", laser);
        Assert.Contains("1 session filled up, 1 on waiting lists", laser);
        Assert.Contains("Schedule a training: Laser cutter safety training", laser);

        var printing = Topic(html, "3D printer basics");
        Assert.Contains("1 person wants to learn 3D printing (skills survey)", printing);
        Assert.Contains("2 bookings refused for want of this certification", printing);
        Assert.Contains("1 waiting-list join for equipment needing it", printing);
        Assert.DoesNotContain("filled up", printing);

        // "Soldering" names no certification: a workshop of its own, joined with the full workshop of that title.
        var soldering = Topic(html, "Soldering");
        Assert.Contains("3 people want to learn Soldering (skills survey)", soldering);
        Assert.Contains("1 session filled up</li>", soldering);
        Assert.Contains("Schedule a workshop: Soldering", soldering);
        Assert.Contains("/desk/sessions/new?kind=workshop&amp;title=Soldering&amp;locationId=", soldering);

        // No one wants to learn knitting: no topic. Order: 14 asks, then 4 and 4 by name.
        Assert.DoesNotContain("<h3>Knitting</h3>", html);
        Assert.Equal(["Laser cutter safety", "3D printer basics", "Soldering"], Headings().Matches(html).Select(m => m.Groups[1].Value));

        // The survey's table: per choice, counts toward what.
        Assert.Matches(Row("Laser cutting", 2, "Laser cutter safety training"), html);
        Assert.Matches(Row("Laser engraving", 2, "Laser cutter safety training"), html);
        Assert.Matches(Row("3D printing", 1, "3D printer basics training"), html);
        Assert.Matches(Row("Soldering", 3, "A workshop of its own"), html);
        foreach (var email in library.PatronEmails)
        {
            Assert.DoesNotContain(email, html);
        }

        // All branches: the other branch's 4 refusals join the laser's 6.
        var all = await desk.GetAsync("/desk/demand");
        Assert.Contains("10 bookings refused for want of this certification", Topic(all, "Laser cutter safety"));
        Assert.Contains("3 people want to learn Laser cutting or Laser engraving (skills survey)", Topic(all, "Laser cutter safety"));
    }

    [Fact]
    public async Task Admin_SaysWhatAChoiceIsAbout_BadInputSavesNothing_StaffForbidden()
    {
        var library = await SeedAsync();
        var admin = await host.SignInNewAsync(Roles.Admin);
        var page = new PageSession(host);
        await page.SignInAsync(admin.Email, MakerspaceHost.Password);
        var form = await page.GetAsync("/admin/survey");
        Assert.Contains($"<option value=\"{library.Laser}\" selected=\"selected\">Laser cutter safety training</option>", form);

        var token = await page.FormTokenAsync("/admin/survey");
        async Task<(HttpStatusCode Status, string Html)> AboutAsync(Guid question, Guid choice, string certification)
        {
            var (status, html, _) = await page.PostFormAsync("/admin/survey?handler=ChoiceAbout", token,
                [new("questionId", question.ToString()), new("choiceId", choice.ToString()), new("certificationId", certification)]);
            return (status, html);
        }

        var (ok, done) = await AboutAsync(library.Learn, library.Knitting, library.Printer.ToString());
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Contains("Choice saved", done);
        Assert.Equal(library.Printer, await AboutOfAsync(library.Knitting));

        foreach (var bad in new[] { "not-a-guid", Guid.NewGuid().ToString() })
        {
            var (status, html) = await AboutAsync(library.Learn, library.Knitting, bad);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains("Choose a certification from the list.", html);
            Assert.Equal(library.Printer, await AboutOfAsync(library.Knitting));
        }

        var (other, otherHtml) = await AboutAsync(library.Have, library.HaveLaser, library.Laser.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, other);
        Assert.Contains("Only the choices of the question asking what people want to learn can name a certification.", otherHtml);
        Assert.Null(await AboutOfAsync(library.HaveLaser));

        var (unknown, _) = await AboutAsync(library.Learn, Guid.NewGuid(), library.Laser.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, unknown);

        // Back to a topic of its own.
        Assert.Equal(HttpStatusCode.OK, (await AboutAsync(library.Learn, library.Knitting, "")).Status);
        Assert.Null(await AboutOfAsync(library.Knitting));

        var staff = new PageSession(host);
        await staff.SignInAsync(library.StaffEmail, MakerspaceHost.Password);
        await staff.GetAsync("/admin/survey", HttpStatusCode.Forbidden);
    }

    private Task<Guid?> AboutOfAsync(Guid choice) =>
        host.InScopeAsync(db => db.Set<SurveyChoice>().Where(c => c.Id == choice).Select(c => c.CertificationId).SingleAsync());

    // The topic's card: from its heading to the next card.
    private static string Topic(string html, string name)
    {
        var start = html.IndexOf($"<h3>{name}</h3>", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No topic {name}");
        var end = html.IndexOf("</li>\n", html.IndexOf("class=\"actions\"", start, StringComparison.Ordinal), StringComparison.Ordinal);
        return html[start..end];
    }

    private static Regex Row(string choice, int people, string toward) =>
        new($"<th scope=\"row\">{Regex.Escape(choice)}</th>\\s*<td data-label=\"People\">{people}</td>\\s*<td data-label=\"Counts toward\">{Regex.Escape(toward)}</td>");

    [GeneratedRegex("<h3>([^<]+)</h3>")]
    private static partial Regex Headings();

    private sealed record Library(
        Guid Branch, string StaffEmail, Guid Laser, Guid Printer, Guid Learn, Guid Knitting, Guid Have, Guid HaveLaser, IReadOnlyList<string> PatronEmails);

    private async Task<Library> SeedAsync()
    {
        await Once.WaitAsync();
        try
        {
            return _library ??= await SeedOnceAsync();
        }
        finally
        {
            Once.Release();
        }
    }

    private async Task<Library> SeedOnceAsync()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var branch = await host.BranchAsync(Zone);
        var other = await host.BranchAsync(Zone);
        var cutter = await host.ResourceAsync(branch.Id, KnownKinds.LaserCutter);
        var otherCutter = await host.ResourceAsync(other.Id, KnownKinds.LaserCutter);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var laser = await admin.Http.CertificationAsync(name: "Laser cutter safety");
        var printing = await admin.Http.CertificationAsync(name: "3D printer basics");
        await host.RequireAsync(cutter.Id, laser);
        await host.RequireAsync(otherCutter.Id, laser);
        await host.RequireAsync(printer.Id, printing);
        var first = await host.SignInNewAsync();
        var second = await host.SignInNewAsync();

        // A training for the laser of one place, and someone waiting; a workshop "Soldering" of one place, taken.
        var trainingStart = host.Clock.DaysAhead(Zone, 4, 10);
        var training = (await staff.Http.TrainingAsync(room.Id, laser, trainingStart, capacity: 1, title: "Laser cutter safety")).GetProperty("id").GetGuid();
        var workshopStart = host.Clock.DaysAhead(Zone, 5, 14);
        var workshop = (await (await staff.Http.ScheduleAsync(new { kind = "workshop", title = "Soldering", roomId = room.Id, start = workshopStart, end = workshopStart.AddHours(1), capacity = 1 })).JsonAsync())
            .GetProperty("id").GetGuid();
        foreach (var (session, patron) in new[] { (training, first), (training, second), (workshop, first) })
        {
            (await patron.Http.PostAsync($"/api/v1/sessions/{session}/registrations", null)).EnsureSuccessStatusCode();
        }

        var now = host.Clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var survey = new Domain.Surveys.Survey("Skills survey", null, now);
        var have = survey.AddQuestion("Which skills do you have?", true, false, false, now);
        var haveLaser = survey.AddChoice(have.Id, "Laser cutting", now);
        var learn = survey.AddQuestion("Which skills would you like to learn?", true, false, true, now);
        var cutting = survey.AddChoice(learn.Id, "Laser cutting", now);
        var engraving = survey.AddChoice(learn.Id, "Laser engraving", now);
        var soldering = survey.AddChoice(learn.Id, "Soldering", now);
        var knitting = survey.AddChoice(learn.Id, "Knitting", now);
        var printingChoice = survey.AddChoice(learn.Id, "3D printing", now);
        survey.ChoiceAbout(learn.Id, cutting.Id, laser, now);
        survey.ChoiceAbout(learn.Id, engraving.Id, laser, now);
        survey.ChoiceAbout(learn.Id, printingChoice.Id, printing, now);
        survey.Open(now);

        await host.InScopeAsync(async db =>
        {
            db.RefusalCounts.AddRange(
                new RefusalCount(today.AddDays(-3), branch.Id, KnownKinds.LaserCutter, ErrorCodes.CertificationRequired, 6),
                new RefusalCount(today.AddDays(-3), branch.Id, KnownKinds.LaserCutter, "slot-taken", 5),
                new RefusalCount(today.AddDays(-100), branch.Id, KnownKinds.LaserCutter, ErrorCodes.CertificationRequired, 9),
                new RefusalCount(today.AddDays(-10), branch.Id, KnownKinds.Printer3D, ErrorCodes.CertificationRequired, 2),
                new RefusalCount(today.AddDays(-3), other.Id, KnownKinds.LaserCutter, ErrorCodes.CertificationRequired, 4));

            // Waiting-list joins: three on the cutter in the period, one long before it; one on the printer.
            UtcInterval Slot(int day) => new(now.Date.AddDays(day).AddHours(15), now.Date.AddDays(day).AddHours(16));
            db.WaitlistEntries.AddRange(
                new WaitlistEntry(cutter.Id, first.UserId, Slot(1), now.AddDays(-5)),
                new WaitlistEntry(cutter.Id, second.UserId, Slot(1), now.AddDays(-5)),
                new WaitlistEntry(cutter.Id, first.UserId, Slot(2), now.AddDays(-1)),
                new WaitlistEntry(cutter.Id, second.UserId, Slot(-100), now.AddDays(-101)),
                new WaitlistEntry(printer.Id, first.UserId, Slot(3), now.AddDays(-2)));

            db.Surveys.Add(survey);
            await db.SaveChangesAsync();

            // Six responses: r1 laser cutting + engraving + soldering, r2 laser cutting, r3 engraving + 3D printing,
            // r4 and r6 soldering, r5 only says they can already cut with a laser.
            Guid[][] responses =
            [
                [cutting.Id, engraving.Id, soldering.Id], [cutting.Id], [engraving.Id, printingChoice.Id], [soldering.Id], [haveLaser.Id], [soldering.Id],
            ];
            foreach (var choices in responses)
            {
                var response = new SurveyResponse(survey.Id, null, now);
                db.SurveyResponses.Add(response);
                db.SurveyResponseChoices.AddRange(choices.Select(c => new SurveyResponseChoice(response.Id, c == haveLaser.Id ? have.Id : learn.Id, c)));
            }

            return await db.SaveChangesAsync();
        });

        return new Library(branch.Id, staff.Email, laser, printing, learn.Id, knitting.Id, have.Id, haveLaser.Id, [first.Email, second.Email]);
    }
}
