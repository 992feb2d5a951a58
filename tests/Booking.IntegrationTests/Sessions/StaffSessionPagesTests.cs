using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.Domain.Sessions;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Booking.IntegrationTests.Sessions;

/// <summary>The desk's session attendance pages. Moves the clock to a session's start, so it has a host of its own.</summary>
public sealed class StaffSessionPagesTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Attendance_TrainingPassed_GrantsTheCertification_AbsentRecorded()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        var absent = await host.SignInNewAsync();
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var safety = await admin.Http.CertificationAsync(name: "Desk cutter safety", validityMonths: 12);
        var start = host.Clock.DaysAhead(Zone, 1, 10);
        var id = (await staff.Http.TrainingAsync(room.Id, safety, start, title: "Cutter safety evening")).GetProperty("id").GetGuid();
        foreach (var p in new[] { patron, absent })
        {
            await (await p.Http.PostAsync($"/api/v1/sessions/{id}/registrations", null)).JsonAsync();
        }

        var desk = new PageSession(host);
        await desk.SignInAsync(staff.Email, MakerspaceHost.Password);
        var list = await desk.GetAsync($"/desk/sessions?locationId={branch.Id}");
        Assert.Contains($"href=\"/desk/sessions/{id}\"", list);
        Assert.Contains("2 of 8 places taken", list);
        var page = $"/desk/sessions/{id}";
        var before = await desk.GetAsync(page);
        Assert.Contains("Attendance can be recorded once the session has started.", before);
        Assert.DoesNotContain("Attended and passed", before);

        // Posted before the start anyway: refused in words, nothing recorded.
        var (_, early, _) = await desk.SubmitAsync(page, $"{page}?handler=Attendance&patronId={patron.UserId}&outcome=passed", new Dictionary<string, string>());
        Assert.Contains("Attendance is recorded once the session has started.", early);

        host.Clock.MoveTo(start.AddMinutes(5));
        var (_, passed, _) = await desk.SubmitAsync(page, $"{page}?handler=Attendance&patronId={patron.UserId}&outcome=passed", new Dictionary<string, string>());
        Assert.Contains("passed; the certification is granted", passed);
        Assert.Contains("attended and passed", passed);
        var (_, noShow, _) = await desk.SubmitAsync(page, $"{page}?handler=Attendance&patronId={absent.UserId}&outcome=absent", new Dictionary<string, string>());
        Assert.Contains("did not attend.", noShow);

        var grant = await host.InScopeAsync(db => db.CertificationGrants.AsNoTracking().SingleAsync(g => g.PatronId == patron.UserId));
        Assert.Equal(safety, grant.CertificationId);
        Assert.Equal(id, grant.SessionId);
        Assert.False(await host.InScopeAsync(db => db.CertificationGrants.AnyAsync(g => g.PatronId == absent.UserId)));
        var statuses = await host.InScopeAsync(db => db.SessionRegistrations.Where(r => r.SessionId == id).ToDictionaryAsync(r => r.PatronId, r => r.Status));
        Assert.Equal(RegistrationStatus.Passed, statuses[patron.UserId]);
        Assert.Equal(RegistrationStatus.NoShow, statuses[absent.UserId]);

        // The patron's page at the desk shows the certification the pass granted.
        Assert.Contains("Desk cutter safety", await desk.GetAsync($"/desk/patrons/{patron.UserId}"));
    }

    [Fact]
    public async Task Attendance_UnknownOutcome_MessageNothingRecorded()
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var start = host.Clock.DaysAhead(Zone, 3, 10);
        var id = (await (await staff.Http.ScheduleAsync(new { kind = "workshop", title = "Soldering", roomId = room.Id, start, end = start.AddHours(1), capacity = 4 })).JsonAsync())
            .GetProperty("id").GetGuid();
        await (await patron.Http.PostAsync($"/api/v1/sessions/{id}/registrations", null)).JsonAsync();
        var desk = new PageSession(host);
        await desk.SignInAsync(staff.Email, MakerspaceHost.Password);
        var page = $"/desk/sessions/{id}";

        var (_, html, _) = await desk.SubmitAsync(page, $"{page}?handler=Attendance&patronId={patron.UserId}&outcome=maybe", new Dictionary<string, string>());

        Assert.Contains("Say whether the patron attended.", html);
        Assert.Equal(RegistrationStatus.Registered, await host.InScopeAsync(db => db.SessionRegistrations.Where(r => r.SessionId == id).Select(r => r.Status).SingleAsync()));
    }
}
