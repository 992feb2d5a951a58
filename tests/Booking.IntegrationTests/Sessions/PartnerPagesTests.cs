using System.Net;
using System.Net.Http.Json;
using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Booking.IntegrationTests.Sessions;

/// <summary>Admins manage partner organisations; anyone reads them, with their upcoming sessions, on /partners.</summary>
public sealed class PartnerPagesTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Admin_AddsAndEditsAPartner_PublicPageListsItsUpcomingSessions()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        var browser = new PageSession(host);
        await browser.SignInAsync(admin.Email, MakerspaceHost.Password);
        var name = $"Job Skills Hub {Guid.NewGuid():N}";

        var (_, added, _) = await browser.SubmitAsync("/admin/partners", "/admin/partners", new Dictionary<string, string>
        {
            ["Partner.Name"] = name,
            ["Partner.Description"] = "A job-skills agency.",
            ["Partner.Offers"] = "CV clinics",
            ["Partner.Website"] = "https://jobs.example.org",
        });
        Assert.Contains($"Added {name}.", added);
        var partner = await host.InScopeAsync(db => db.Partners.AsNoTracking().SingleAsync(p => p.Name == name));
        Assert.Equal("https://jobs.example.org", partner.Website);

        var page = $"/admin/partners/{partner.Id}";
        var (_, saved, _) = await browser.SubmitAsync(page, page, new Dictionary<string, string>
        {
            ["Partner.Name"] = name,
            ["Partner.Description"] = "A job-skills agency in town.",
            ["Partner.Offers"] = "CV clinics and mock interviews",
            ["Partner.Website"] = "",
        });
        Assert.Contains($"Saved {name}.", saved);
        var edited = await host.InScopeAsync(db => db.Partners.AsNoTracking().SingleAsync(p => p.Id == partner.Id));
        Assert.Equal("CV clinics and mock interviews", edited.Offers);
        Assert.Null(edited.Website);

        var branch = await host.BranchAsync(Zone);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var start = host.Clock.DaysAhead(Zone, 6, 10);
        var hosted = (await (await staff.Http.ScheduleAsync(new { kind = "workshop", title = "Mock interviews", roomId = room.Id, start, end = start.AddHours(1), capacity = 5, partnerId = partner.Id })).JsonAsync()).GetProperty("id").GetGuid();
        var later = start.AddHours(2);
        var cancelled = (await (await staff.Http.ScheduleAsync(new { kind = "workshop", title = "Called off", roomId = room.Id, start = later, end = later.AddHours(1), capacity = 5, partnerId = partner.Id })).JsonAsync()).GetProperty("id").GetGuid();
        await (await staff.Http.PostAsJsonAsync($"/api/v1/sessions/{cancelled}/cancel", new { reason = "Tutor ill" })).JsonAsync();
        await (await patron.Http.PostAsync($"/api/v1/sessions/{hosted}/registrations", null)).JsonAsync();

        var anonymous = new PageSession(host);
        var list = await anonymous.GetAsync("/partners");
        Assert.Contains(name, list);
        Assert.Contains("CV clinics and mock interviews", list);
        Assert.Contains($"href=\"/sessions/{hosted}\"", list);
        Assert.DoesNotContain("Called off", list);
        Assert.DoesNotContain(patron.Email, list);
        Assert.DoesNotContain(staff.Email, list);
        Assert.Contains("href=\"/partners\"", await anonymous.GetAsync("/sessions"));
    }

    [Fact]
    public async Task Admin_BadPartner_MessagesBesideTheFields_NothingSaved()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var browser = new PageSession(host);
        await browser.SignInAsync(admin.Email, MakerspaceHost.Password);
        var taken = $"Makers Guild {Guid.NewGuid():N}";
        await browser.SubmitAsync("/admin/partners", "/admin/partners", new Dictionary<string, string> { ["Partner.Name"] = taken });
        var before = await host.InScopeAsync(db => db.Partners.CountAsync());

        var (status, empty, _) = await browser.SubmitAsync("/admin/partners", "/admin/partners", new Dictionary<string, string>
        {
            ["Partner.Name"] = " ",
            ["Partner.Website"] = "javascript:alert(1)",
            ["Partner.Offers"] = new string('x', 3000),
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Nothing was saved", empty);
        Assert.Contains("Give the organisation", empty);
        Assert.Contains("Give a web address starting with https://", empty);
        Assert.Contains("What they offer is at most 2000 characters.", empty);
        var (_, duplicate, _) = await browser.SubmitAsync("/admin/partners", "/admin/partners", new Dictionary<string, string> { ["Partner.Name"] = taken });
        Assert.Contains("Another partner already has this name.", duplicate);
        Assert.Equal(before, await host.InScopeAsync(db => db.Partners.CountAsync()));
        await browser.GetAsync($"/admin/partners/{Guid.NewGuid()}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PartnerAdmin_Staff_Forbidden_Stranger_SentToSignIn()
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var browser = new PageSession(host);
        await browser.SignInAsync(staff.Email, MakerspaceHost.Password);
        Assert.Contains("<h1>Not for this account</h1>", await browser.GetAsync("/admin/partners", HttpStatusCode.Forbidden));
        var before = await host.InScopeAsync(db => db.Partners.CountAsync());
        var post = await staff.Http.PostAsync("/admin/partners", new FormUrlEncodedContent(new Dictionary<string, string> { ["Partner.Name"] = "Forged" }));
        Assert.True(post.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"{post.StatusCode}");
        Assert.Equal(before, await host.InScopeAsync(db => db.Partners.CountAsync()));

        var stranger = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await stranger.GetAsync("/admin/partners");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/sign-in", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}
