using System.Net;
using System.Net.Http.Json;
using Booking.Data.Identity;
using Booking.Domain.Audit;
using Booking.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Booking.IntegrationTests.Admin;

/// <summary>The audit log page and its CSV: admins read it, filtered by person, action and date; everyone else is refused.</summary>
public sealed class AuditLogPageTests(MakerspaceHost host) : IClassFixture<MakerspaceHost>
{
    [Fact]
    public async Task AuditPage_Admin_FiltersByPersonActionAndDate()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        var patron = await host.SignInNewAsync();
        await AddAsync(
            new AuditEntry(staff.UserId, "certification.grant", $"patron:{patron.UserId}", "Granted Laser cutter safety.", Z(2026, 1, 5)),
            new AuditEntry(staff.UserId, "reservation.override", "reservation:1", "Booked on behalf of the patron, overriding quota.", Z(2026, 1, 8)),
            new AuditEntry(admin.UserId, "user.role", $"user:{patron.UserId}", "Made them staff (was patron).", Z(2026, 1, 10)));
        var page = await AdminPageAsync(admin);

        // What the staff member did.
        var byStaff = await page.GetAsync($"/admin/audit?person={Part(staff.Email)}");
        Assert.Contains("2 entries", byStaff, StringComparison.Ordinal);
        Assert.Contains("Certification granted", byStaff, StringComparison.Ordinal);
        Assert.Contains("Booking rule overridden for a patron", byStaff, StringComparison.Ordinal);
        // What was done to the patron, by anyone: shown by e-mail, linked to their desk page.
        var aboutPatron = await page.GetAsync($"/admin/audit?person={Part(patron.Email)}");
        Assert.Contains("2 entries", aboutPatron, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/desk/patrons/{patron.UserId}\">{patron.Email}</a>", aboutPatron, StringComparison.Ordinal);
        Assert.Contains("Made them staff (was patron).", aboutPatron, StringComparison.Ordinal);
        // Action and dates (local, New York here none: UTC before any branch, or the first branch's zone).
        var roleOnly = await page.GetAsync($"/admin/audit?person={Part(patron.Email)}&action=user.role");
        Assert.Contains("1 entry", roleOnly, StringComparison.Ordinal);
        var dated = await page.GetAsync($"/admin/audit?person={Part(staff.Email)}&from=2026-01-07&to=2026-01-09");
        Assert.Contains("1 entry", dated, StringComparison.Ordinal);
        Assert.Contains("overriding quota", dated, StringComparison.Ordinal);
        Assert.DoesNotContain("Granted Laser cutter safety.", dated, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditPage_ManyEntries_PagedFiftyAPage()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        await AddAsync(Enumerable.Range(0, 55).Select(i => new AuditEntry(staff.UserId, "maintenance.block", $"resource:{i}", $"Block number {i:00}.", Z(2026, 1, 1).AddMinutes(i))).ToArray());
        var page = await AdminPageAsync(admin);

        var first = await page.GetAsync($"/admin/audit?person={Part(staff.Email)}");
        Assert.Contains("55 entries, page 1 of 2", first, StringComparison.Ordinal);
        Assert.Contains("Block number 54.", first, StringComparison.Ordinal); // newest first
        Assert.DoesNotContain("Block number 04.", first, StringComparison.Ordinal);
        Assert.Contains("rel=\"next\"", first, StringComparison.Ordinal);
        var second = await page.GetAsync($"/admin/audit?person={Part(staff.Email)}&p=2");
        Assert.Contains("Block number 04.", second, StringComparison.Ordinal);
        Assert.Contains("rel=\"prev\"", second, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closure_AddedAndRemoved_BothInTheAuditLog()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var id = await AdminSetup.CreateLocationIdAsync(admin.Http);
        var created = await AdminSetup.CreatedAsync(await admin.Http.PostAsJsonAsync($"/api/v1/locations/{id}/closures",
            new { startsLocal = "2026-12-24T13:00", endsLocal = "2026-12-24T18:00", reason = "Christmas Eve afternoon" }));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync($"/api/v1/locations/{id}/closures/{created.GetProperty("id").GetGuid()}")).StatusCode);
        var page = await AdminPageAsync(admin);

        var added = await page.GetAsync($"/admin/audit?person={Part(admin.Email)}&action=location.closure");
        Assert.Contains("2026-12-24 13:00 to 2026-12-24 18:00: Christmas Eve afternoon", added, StringComparison.Ordinal);
        var removed = await page.GetAsync($"/admin/audit?person={Part(admin.Email)}&action=location.closure-removed");
        Assert.Contains("Closure removed", removed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditCsv_Admin_FilteredEntriesWithFormulasEscaped()
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var staff = await host.SignInNewAsync(Roles.Staff);
        await AddAsync(
            new AuditEntry(staff.UserId, "session.cancel", "session:1", "=HYPERLINK(\"http://evil.example\",\"click\")", Z(2026, 1, 6)),
            new AuditEntry(staff.UserId, "session.schedule", "session:2", "Scheduled a workshop.", Z(2026, 1, 5)));

        var response = await admin.Http.GetAsync($"/admin/audit.csv?person={Part(staff.Email)}&from=2026-01-01&to=2026-01-31");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("makerspace-audit-2026-01-01_2026-01-31.csv", response.Content.Headers.ContentDisposition?.ToString());
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("At,Time zone,Actor,Actor id,Action,Subject,About,Details", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("2026-01-06 ", lines[1], StringComparison.Ordinal); // newest first
        Assert.EndsWith(",session.cancel,session:1,,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditPage_NotAnAdmin_403OrSignIn()
    {
        var stranger = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var redirect = await stranger.GetAsync("/admin/audit");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("/account/sign-in", redirect.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.GetAsync("/admin/audit.csv")).StatusCode);

        foreach (var role in new[] { Roles.Staff, Roles.Patron })
        {
            var user = await host.SignInNewAsync(role);
            var response = await user.Http.GetAsync("/admin/audit");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("For admins only", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<table", html, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Forbidden, (await user.Http.GetAsync("/admin/audit.csv")).StatusCode);
        }
    }

    [Theory]
    [InlineData("action=drop-tables", "Choose an action from the list.")]
    [InlineData("from=2026-13-01", "from is not a date")]
    [InlineData("from=2026-02-01&to=2026-01-01", "The range ends before it starts.")]
    public async Task AuditPage_BadFilter_SaysWhy(string query, string message)
    {
        var admin = await host.SignInNewAsync(Roles.Admin);
        var page = await AdminPageAsync(admin);

        var html = await page.GetAsync($"/admin/audit?{query}");
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Http.GetAsync($"/admin/audit.csv?{query}")).StatusCode);
    }

    private async Task<PageSession> AdminPageAsync(SignedInClient admin)
    {
        var page = new PageSession(host);
        await page.SignInAsync(admin.Email, MakerspaceHost.Password);
        return page;
    }

    private Task AddAsync(params AuditEntry[] entries) => host.InScopeAsync(async db =>
    {
        db.AuditLog.AddRange(entries);
        return await db.SaveChangesAsync();
    });

    /// <summary>Part of an address, as an admin would type it (the unique part of a test address).</summary>
    private static string Part(string email) => email.Split('@')[0][^12..];

    private static DateTime Z(int year, int month, int day) => new(year, month, day, 15, 0, 0, DateTimeKind.Utc);
}
