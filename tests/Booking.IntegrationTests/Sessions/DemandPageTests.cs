using System.Net;
using System.Net.Http.Json;
using Booking.Data.Identity;
using Booking.Domain.Resources;
using Booking.IntegrationTests.Certifications;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Booking.IntegrationTests.Sessions;

/// <summary>The demand view: refusals for want of a certification, waiting lists and full sessions become suggestions to schedule.</summary>
public sealed class DemandPageTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    private const string Zone = "America/New_York";

    [Fact]
    public async Task Demand_RefusalsWaitlistAndFullWorkshop_SuggestSessions_ButtonOpensThePreFilledForm()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var branch = await host.BranchAsync(Zone);
        var printer = await host.ResourceAsync(branch.Id, KnownKinds.Printer3D);
        var room = await host.ResourceAsync(branch.Id, KnownKinds.Room);
        var certName = $"Resin printing {Guid.NewGuid():N}"[..24];
        var certification = await admin.Http.CertificationAsync(name: certName);
        await host.RequireAsync(printer.Id, certification);
        var start = host.Clock.DaysAhead(Zone, 2, 10);

        // Two refusals for want of the certification (anonymous counts).
        var uncertified = await host.SignInNewAsync();
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await uncertified.Http.BookAsync(printer.Id, start.AddHours(i), start.AddHours(i + 1))).StatusCode);
        }

        // One waiting-list join for the printer, by certified patrons.
        var holder = await host.SignInNewAsync();
        var waiter = await host.SignInNewAsync();
        foreach (var p in new[] { holder, waiter })
        {
            (await staff.Http.GrantAsync(p.UserId, certification)).EnsureSuccessStatusCode();
        }

        await (await holder.Http.BookAsync(printer.Id, start, start.AddHours(1))).JsonAsync();
        await (await waiter.Http.PostAsJsonAsync("/api/v1/waitlist", new { resourceId = printer.Id, start, end = start.AddHours(1) })).JsonAsync();

        // A workshop of one place with someone waiting.
        var workshopStart = host.Clock.DaysAhead(Zone, 3, 14);
        var workshop = (await (await staff.Http.ScheduleAsync(new { kind = "workshop", title = "Soldering basics", roomId = room.Id, start = workshopStart, end = workshopStart.AddHours(1), capacity = 1 })).JsonAsync())
            .GetProperty("id").GetGuid();
        foreach (var p in new[] { holder, waiter })
        {
            await (await p.Http.PostAsync($"/api/v1/sessions/{workshop}/registrations", null)).JsonAsync();
        }

        var desk = new PageSession(host);
        await desk.SignInAsync(staff.Email, MakerspaceHost.Password);
        var html = await desk.GetAsync($"/desk/demand?locationId={branch.Id}");

        Assert.Contains($"<h3>{certName}</h3>", html);
        Assert.Contains("2 bookings refused for want of this certification", html);
        Assert.Contains("1 waiting-list join for equipment needing it", html);
        var training = $"/desk/sessions/new?kind=training&amp;title={Uri.EscapeDataString(certName + " training")}&amp;certificationId={certification}&amp;locationId={branch.Id}";
        Assert.Contains($"href=\"{training}\"", html);
        Assert.Contains("<h3>Soldering basics</h3>", html);
        Assert.Contains("1 session filled up, 1 on waiting lists", html);
        Assert.Contains($"href=\"/desk/sessions/{workshop}\"", html);
        Assert.Contains("Skills survey: what people want to learn", html);
        // The training, with the most asks, comes first.
        Assert.True(html.IndexOf($"<h3>{certName}</h3>", StringComparison.Ordinal) < html.IndexOf("<h3>Soldering basics</h3>", StringComparison.Ordinal));
        foreach (var p in new[] { uncertified, holder, waiter })
        {
            Assert.DoesNotContain(p.Email, html);
        }

        var form = await desk.GetAsync(WebUtility.HtmlDecode(training));
        Assert.Contains($"value=\"{certName} training\"", form);
        Assert.Contains($"<option value=\"{certification}\" selected=\"selected\">", form);

        // Another branch asked for nothing.
        var quiet = await host.BranchAsync(Zone);
        Assert.Contains("Nothing asked for yet in this period.", await desk.GetAsync($"/desk/demand?locationId={quiet.Id}"));
    }

    [Fact]
    public async Task Demand_Patron_Forbidden_Stranger_SentToSignIn_StrangeBranch_ShowsAll()
    {
        var patron = await host.SignInNewAsync();
        var browser = new PageSession(host);
        await browser.SignInAsync(patron.Email, MakerspaceHost.Password);
        Assert.Contains("<h1>Not for this account</h1>", await browser.GetAsync("/desk/demand", HttpStatusCode.Forbidden));

        var stranger = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await stranger.GetAsync("/desk/demand");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/sign-in", response.Headers.Location?.OriginalString, StringComparison.Ordinal);

        var staff = await host.SignInNewAsync(Roles.Staff);
        var desk = new PageSession(host);
        await desk.SignInAsync(staff.Email, MakerspaceHost.Password);
        Assert.Contains("<h1>Demand: All branches</h1>", await desk.GetAsync($"/desk/demand?locationId={Guid.NewGuid()}"));
        await desk.GetAsync("/desk/demand?locationId=not-a-guid");
    }
}
