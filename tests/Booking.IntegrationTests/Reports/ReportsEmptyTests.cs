using System.Net;
using Booking.Data.Identity;
using Booking.IntegrationTests.Infrastructure;

namespace Booking.IntegrationTests.Reports;

/// <summary>A new library opens its reports before it has a branch or a booking: every report says so, none fails.</summary>
public sealed class ReportsEmptyTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    [Fact]
    public async Task Reports_OnADatabaseWithNothingInIt_AnswerWithoutError()
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var page = new PageSession(host);
        await page.SignInAsync(staff.Email, MakerspaceHost.Password);
        var html = await page.GetAsync("/reports");
        Assert.Contains("<h1", html, StringComparison.Ordinal);
        foreach (var report in new[] { "utilisation", "attendance", "busiest-times", "certifications", "demand" })
        {
            using var response = await staff.Http.GetAsync($"/api/v1/reports/{report}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{report}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
