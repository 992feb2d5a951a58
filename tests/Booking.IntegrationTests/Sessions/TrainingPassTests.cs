using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Booking.IntegrationTests.Infrastructure.TestData;

namespace Booking.IntegrationTests.Sessions;

/// <summary>A training's pass grants its certification. Moves the clock, so it has a host of its own.</summary>
public sealed class TrainingPassTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Attendance_TrainingPassed_GrantsCertificationWithValidity_PatronCanBook()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        var absent = await host.SignInNewAsync();
        var late = await host.SignInNewAsync();
        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var cutter = await host.ResourceAsync(branch.Id, KnownKinds.LaserCutter);
        var safety = await admin.Http.CertificationAsync(validityMonths: 12);
        await host.RequireAsync(cutter.Id, safety);
        var start = Local(Zone, "2026-01-12T09:00"); // two hours after the host clock's start
        var id = (await staff.Http.TrainingAsync(room.Id, safety, start)).GetProperty("id").GetGuid();
        foreach (var p in new[] { patron, absent })
        {
            await (await p.Http.PostAsync($"/api/v1/sessions/{id}/registrations", null)).JsonAsync();
        }

        var attendance = $"/api/v1/sessions/{id}/attendance";
        await (await staff.Http.PostAsJsonAsync(attendance, new { patronId = patron.UserId, attended = true, passed = true })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "invalid-state");

        host.Clock.SetUtcNow(start.AddMinutes(90));
        // Bearer tokens last an hour: sign everyone in again at the new time.
        foreach (var p in new[] { staff, patron, absent, late })
        {
            var client = await host.SignInAsync(p.Email, MakerspaceHost.Password);
            p.Http.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
        }

        await (await late.Http.PostAsync($"/api/v1/sessions/{id}/registrations", null)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "registration-closed");
        await (await patron.Http.DeleteAsync($"/api/v1/sessions/{id}/registrations/mine")).ShouldBeProblemAsync(HttpStatusCode.Conflict, "invalid-state");

        var passed = await (await staff.Http.PostAsJsonAsync(attendance, new { patronId = patron.UserId, attended = true, passed = true })).JsonAsync();
        Assert.Equal("passed", passed.GetProperty("registration").GetProperty("status").GetString());
        var grantId = passed.GetProperty("grantId").GetGuid();
        var noShow = await (await staff.Http.PostAsJsonAsync(attendance, new { patronId = absent.UserId, attended = false })).JsonAsync();
        Assert.Equal("no-show", noShow.GetProperty("registration").GetProperty("status").GetString());
        await (await staff.Http.PostAsJsonAsync(attendance, new { patronId = patron.UserId, attended = true, passed = true })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "invalid-state");

        var mine = Assert.Single((await patron.Http.GetFromJsonAsync<JsonElement>("/api/v1/patrons/me/certifications")).EnumerateArray());
        Assert.Equal(grantId, mine.GetProperty("id").GetGuid());
        Assert.Equal(id, mine.GetProperty("sessionId").GetGuid());
        Assert.Equal(host.Clock.GetUtcNow().AddMonths(12), mine.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal(1, await host.InScopeAsync(db => db.CertificationGrants.CountAsync(g => g.PatronId == patron.UserId)));
        Assert.Equal(0, await host.InScopeAsync(db => db.CertificationGrants.CountAsync(g => g.PatronId == absent.UserId)));
        Assert.Equal(1, await host.InScopeAsync(db => db.Notifications.CountAsync(n => n.RecipientId == patron.UserId && n.Kind == "certification-granted")));

        var booking = Local(Zone, "2026-01-13T10:00");
        Assert.Equal(HttpStatusCode.Created, (await patron.Http.BookAsync(cutter.Id, booking, booking.AddHours(1))).StatusCode);
        await (await absent.Http.BookAsync(cutter.Id, booking.AddHours(2), booking.AddHours(3))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "certification-required");
    }
}
