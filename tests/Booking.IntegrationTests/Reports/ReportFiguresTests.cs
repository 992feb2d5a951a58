using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Booking.Data.Identity;
using Booking.IntegrationTests.Infrastructure;
using Booking.Web.Features.Reports;
using static Booking.IntegrationTests.Reports.ReportLibrary;

namespace Booking.IntegrationTests.Reports;

/// <summary>Every figure of every report against the hand-counted <see cref="ReportFixture"/>, through the JSON API and the CSV downloads.</summary>
public sealed class ReportFiguresTests(ReportFixture host) : IClassFixture<ReportFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static readonly DateOnly Week1 = new(2025, 12, 29);
    private static readonly DateOnly Week2 = new(2026, 1, 5);

    [Fact]
    public async Task Utilisation_AllBranches_HandCountedHours()
    {
        var report = await GetAsync<UtilisationReport>($"/api/v1/reports/utilisation?{Span}");

        Assert.Equal(new ReportPeriod(Week1, new DateOnly(2026, 1, 11), null, "All branches"), report.Period);
        // Open: Riverside 84 h a week less New Year's Day (12 h) in week 1; Spree 84 h both weeks.
        // Room A: wk1 r1 2 h (checked in) + r2 1 h (no-show); wk2 r6 1 h (checked in); r10 (lapsed offer) not booked.
        Assert.Equal((72, 3, 2), Hours(report, host.Library.RoomA.Id, Week1));
        Assert.Equal((84, 1, 1), Hours(report, host.Library.RoomA.Id, Week2));
        // Room B: wk1 r3 and r4 cancelled; wk2 r7 2 h, a no-show.
        Assert.Equal((72, 0, 0), Hours(report, host.Library.RoomB.Id, Week1));
        Assert.Equal((84, 2, 0), Hours(report, host.Library.RoomB.Id, Week2));
        // Printer P: wk1 r5 4 h checked in; wk2 r8 rejected, r9 cancelled.
        Assert.Equal((72, 4, 4), Hours(report, host.Library.PrinterP.Id, Week1));
        Assert.Equal((84, 0, 0), Hours(report, host.Library.PrinterP.Id, Week2));
        // Printer Q (Berlin): wk2 r13 1 h checked in.
        Assert.Equal((84, 0, 0), Hours(report, host.Library.PrinterQ.Id, Week1));
        Assert.Equal((84, 1, 1), Hours(report, host.Library.PrinterQ.Id, Week2));
        Assert.Equal(8, report.Resources.Count); // 4 resources × 2 weeks, empty weeks included

        // Kinds: rooms 72+72 / 84+84 open; printers 72+84 / 84+84.
        Assert.Equal([("room", Week1, 144d, 3d, 2d), ("room", Week2, 168d, 3d, 1d), ("3d-printer", Week1, 156d, 4d, 4d), ("3d-printer", Week2, 168d, 1d, 1d)],
            report.Kinds.Select(k => (k.Kind, k.Week, k.OpenHours, k.BookedHours, k.CheckedInHours)).OrderByDescending(k => k.Kind).ThenBy(k => k.Week));
        var rooms = Assert.Single(report.KindTotals, k => k.Kind == "room");
        Assert.Equal((312d, 6d, 3d), (rooms.OpenHours, rooms.BookedHours, rooms.CheckedInHours));
        Assert.Equal(Math.Round(6d / 312, 4), rooms.BookedShare);
        var printers = Assert.Single(report.KindTotals, k => k.Kind == "3d-printer");
        Assert.Equal((324d, 5d, 5d), (printers.OpenHours, printers.BookedHours, printers.CheckedInHours));
    }

    [Fact]
    public async Task Attendance_AllBranches_HandCountedRates()
    {
        var report = await GetAsync<AttendanceReport>($"/api/v1/reports/attendance?{Span}");

        // Rooms: r1 r2 r3 r4 r6 r7 booked (r10 a lapsed offer, left out); r3 r4 cancelled, r3 late (2 h ahead);
        // r1 r6 checked in; r2 r7 no-shows. Kept 4.
        var rooms = Assert.Single(report.Kinds, k => k.Kind == "room");
        Assert.Equal((6, 2, 1, 2, 2, 4), (rooms.Booked, rooms.Cancelled, rooms.LateCancellations, rooms.CheckedIn, rooms.NoShows, rooms.Kept));
        Assert.Equal((0.5, 0.5, 0.1667), (rooms.CheckInRate, rooms.NoShowRate, rooms.LateCancellationRate));
        // Printers: r5 r9 r13 booked (r8 rejected, left out); r9 cancelled by staff (not late); r5 r13 checked in.
        var printers = Assert.Single(report.Kinds, k => k.Kind == "3d-printer");
        Assert.Equal((3, 1, 0, 2, 0), (printers.Booked, printers.Cancelled, printers.LateCancellations, printers.CheckedIn, printers.NoShows));
        Assert.Equal((1d, 0d, 0d), (printers.CheckInRate, printers.NoShowRate, printers.LateCancellationRate));
        Assert.Equal((9, 3, 1, 4, 2), (report.Total.Booked, report.Total.Cancelled, report.Total.LateCancellations, report.Total.CheckedIn, report.Total.NoShows));
        Assert.Equal(2, report.Kinds.Count);
    }

    [Fact]
    public async Task BusiestTimes_AllBranches_EachBranchInItsOwnLocalTime()
    {
        var report = await GetAsync<BusiestTimesReport>($"/api/v1/reports/busiest-times?{Span}");

        // r6 r7 Mon 10:00; r1 Tue 10:00; r2 Tue 14:00; r5 Fri 10:00 (New York); r13 Wed 10:00 in Berlin (04:00 in New York).
        Assert.Equal(
            [(DayOfWeek.Monday, 10, 2), (DayOfWeek.Tuesday, 10, 1), (DayOfWeek.Tuesday, 14, 1), (DayOfWeek.Wednesday, 10, 1), (DayOfWeek.Friday, 10, 1)],
            report.Cells.Select(c => (c.Day, c.Hour, c.Bookings)));
        Assert.Equal((8, 19), (report.FirstHour, report.LastHour)); // both branches open 08:00–20:00
    }

    [Fact]
    public async Task Certifications_AllBranches_GrantsAndSessionsHandCounted()
    {
        var report = await GetAsync<CertificationsReport>($"/api/v1/reports/certifications?{Span}");

        // Printing: p3 granted 3 Jan and revoked 8 Jan; p4 (never expires) and p5 (granted after the range) held.
        // Laser: p0 granted 30 Dec; p1 expired 5 Jan; p2 expires 20 Jan (within 30 days); p0 and p2 held.
        Assert.Equal(
            [("3D printer basics", 1, 1, 0, 0, 2), ("Laser cutter safety", 1, 0, 1, 1, 2)],
            report.Certifications.Select(c => (c.Certification, c.Granted, c.Revoked, c.Expired, c.ExpiringSoon, c.HeldNow)));
        // The training: 5 places; p0 passed, p1 attended, p2 no-show, p3 unmarked, p4 cancelled. The workshop was cancelled.
        var training = Assert.Single(report.Sessions);
        Assert.Equal(("training", 1, 5, 4, 2, 1, 1), (training.Kind, training.Sessions, training.Places, training.Registered, training.Attended, training.NoShows, training.Passed));
        Assert.Equal((0.5, 0.5), (training.AttendanceRate, training.PassRate));
    }

    [Fact]
    public async Task Demand_AllBranches_WaitingListsAndRefusalsHandCounted()
    {
        var report = await GetAsync<DemandReport>($"/api/v1/reports/demand?{Span}");

        // Room A's line: w1 and w2 joined in range; w2 offered and taken, w3 (joined before) offered and lapsed; w4 before.
        // Refusals: rooms slot-taken 3 + 2 (quota on 28 Dec is before the range); printers certification-required 4 + 1 in Berlin.
        Assert.Equal([("3d-printer", 0, 0, 0, 0, 5), ("room", 2, 2, 1, 1, 5)],
            report.Kinds.Select(k => (k.Kind, k.WaitlistJoins, k.OffersMade, k.OffersTaken, k.OffersLapsed, k.Refusals)));
        Assert.Equal([("3d-printer", "certification-required", 5), ("room", "slot-taken", 5)], report.Refusals.Select(r => (r.Kind, r.Code, r.Count)));
    }

    [Fact]
    public async Task Reports_OneBranch_OnlyItsFigures()
    {
        var only = $"{Span}&locationId={host.Library.Riverside.Id}";
        var utilisation = await GetAsync<UtilisationReport>($"/api/v1/reports/utilisation?{only}");
        Assert.DoesNotContain(utilisation.Resources, r => r.ResourceId == host.Library.PrinterQ.Id);
        Assert.Equal("A Riverside", utilisation.Period.Branch);
        var printers = Assert.Single(utilisation.KindTotals, k => k.Kind == "3d-printer");
        Assert.Equal((156d, 4d, 4d), (printers.OpenHours, printers.BookedHours, printers.CheckedInHours));

        var busiest = await GetAsync<BusiestTimesReport>($"/api/v1/reports/busiest-times?{only}");
        Assert.DoesNotContain(busiest.Cells, c => c.Day == DayOfWeek.Wednesday);

        var demand = await GetAsync<DemandReport>($"/api/v1/reports/demand?{only}");
        Assert.Equal(4, demand.Refusals.Single(r => r.Kind == "3d-printer").Count);

        var attendance = await GetAsync<AttendanceReport>($"/api/v1/reports/attendance?{only}");
        Assert.Equal((2, 1), (attendance.Kinds.Single(k => k.Kind == "3d-printer").Booked, attendance.Kinds.Single(k => k.Kind == "3d-printer").CheckedIn));
    }

    [Fact]
    public async Task Csv_Utilisation_RangeInNameNumbersAsNumbersAndFormulasEscaped()
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var response = await staff.Http.GetAsync($"/reports/utilisation-resources.csv?{Span}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("makerspace-utilisation-resources-2025-12-29_2026-01-11.csv", response.Content.Headers.ContentDisposition?.ToString());
        var text = await response.Content.ReadAsStringAsync();
        var lines = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Branch,Kind,Resource,Week of,Open hours,Booked hours,Checked-in hours,Booked (% of open),Checked in (% of open)", lines[0]);
        Assert.Equal(9, lines.Length);
        // A resource named "=Printer P" is written as text a spreadsheet shows, never runs.
        Assert.Contains("A Riverside,3D printer,\"'=Printer P\",2025-12-29,72,4,4,5.6,5.6", lines);
        Assert.DoesNotContain(lines, l => l.Contains(",=Printer", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("attendance", "Kind,Booked,Cancelled,Late cancellations,Kept,Checked in,No-shows", "All kinds,9,3,1,6,4,2,")]
    [InlineData("busiest-times", "Hour,Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday", "10:00,2,1,1,0,1,0,0")]
    [InlineData("certifications", "Certification,Granted,Revoked,Expired,Expiring in the next 30 days,Held today", "Laser cutter safety,1,0,1,1,2")]
    [InlineData("sessions", "Kind,Sessions,Places,Registered,Attended,No-shows,Passed", "Trainings,1,5,4,2,1,1,50.0,50.0")]
    [InlineData("demand", "Kind,Waiting-list joins,Offers made,Offers taken,Offers lapsed,Refused attempts", "Room,2,2,1,1,5")]
    [InlineData("refusals", "Kind,Reason,Code,Attempts", "3D printer,Certification needed,certification-required,5")]
    [InlineData("utilisation-kinds", "Kind,Week of,Open hours,Booked hours,Checked-in hours", "Room,2025-12-29,144,3,2,2.1,1.4")]
    public async Task Csv_EachTable_HeaderAndAHandCountedRow(string table, string header, string row)
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var text = await staff.Http.GetStringAsync($"/reports/{table}.csv?{Span}");

        var lines = text.TrimStart('\uFEFF').Split("\r\n");
        Assert.StartsWith(header, lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith(row, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("from=2026-01-11&to=2025-12-29", "to")]
    [InlineData("from=2024-01-01&to=2026-01-11", "to")]
    [InlineData("from=yesterday", "from")]
    [InlineData("locationId=not-a-branch", "locationId")]
    [InlineData("locationId=6f0c1a8e-0000-4000-8000-000000000000", "locationId")]
    public async Task Reports_BadRange_400ValidationChangesNothing(string query, string field)
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        foreach (var report in new[] { "utilisation", "attendance", "busiest-times", "certifications", "demand" })
        {
            var problem = await (await staff.Http.GetAsync($"/api/v1/reports/{report}?{query}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }

        var csv = await staff.Http.GetAsync($"/reports/demand.csv?{query}");
        await csv.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task Reports_DefaultRange_LastFourWeeksToToday()
    {
        var report = await GetAsync<DemandReport>("/api/v1/reports/demand");

        // Today in New York is 12 Jan 2026; four weeks back is 16 Dec 2025, so the 28 Dec quota refusals count too.
        Assert.Equal((new DateOnly(2025, 12, 16), new DateOnly(2026, 1, 12)), (report.Period.From, report.Period.To));
        Assert.Contains(report.Refusals, r => r.Code == "quota" && r.Count == 5);
    }

    [Fact]
    public async Task Reports_PatronAndStranger_403And401()
    {
        var patron = await host.SignInNewAsync();
        var stranger = host.CreateClient();
        foreach (var report in new[] { "utilisation", "attendance", "busiest-times", "certifications", "demand" })
        {
            await (await patron.Http.GetAsync($"/api/v1/reports/{report}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync($"/api/v1/reports/{report}")).StatusCode);
        }

        var csv = await patron.Http.GetAsync("/reports/demand.csv");
        Assert.Equal(HttpStatusCode.Forbidden, csv.StatusCode); // a page link: turned away like the pages
        Assert.DoesNotContain("text/csv", csv.Content.Headers.ContentType?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportsPage_Staff_ShowsEveryChartWithTitleDescriptionAndTable()
    {
        var page = new PageSession(host);
        await page.SignInAsync("desk@reports.test", MakerspaceHost.Password);
        var html = await page.GetAsync($"/reports?{Span}");

        foreach (var chart in new[] { "chart-utilisation", "chart-attendance", "chart-busiest", "chart-certifications", "chart-sessions", "chart-demand", "chart-refusals" })
        {
            Assert.Contains($"role=\"img\" aria-labelledby=\"{chart}-title {chart}-desc\"", html, StringComparison.Ordinal);
            Assert.Contains($"<title id=\"{chart}-title\">", html, StringComparison.Ordinal);
        }

        Assert.Contains("<caption class=\"visually-hidden\">Hours per kind and week</caption>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/reports/attendance.csv?from=2025-12-29&amp;to=2026-01-11\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ReportsPage_BadRange_SaysWhyAndShowsNoFigures()
    {
        var page = new PageSession(host);
        await page.SignInAsync("desk@reports.test", MakerspaceHost.Password);
        var html = await page.GetAsync("/reports?from=2026-02-01&to=2026-01-01");

        Assert.Contains("These reports cannot be shown for that choice", html, StringComparison.Ordinal);
        Assert.Contains("The range starts (2026-02-01) after it ends (2026-01-01).", html, StringComparison.Ordinal);
        Assert.DoesNotContain("role=\"img\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportsPage_StrangerAndPatron_SentToSignInOrTurnedAway()
    {
        var stranger = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await stranger.GetAsync("/reports");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location?.OriginalString, StringComparison.Ordinal);

        var patron = await host.SignInNewAsync();
        var page = new PageSession(host);
        await page.SignInAsync(patron.Email, MakerspaceHost.Password);
        var html = await page.GetAsync("/reports", HttpStatusCode.Forbidden);
        Assert.Contains("Not for this account", html, StringComparison.Ordinal);
        Assert.DoesNotContain("chart-utilisation", html, StringComparison.Ordinal);
    }

    private async Task<T> GetAsync<T>(string url)
    {
        var staff = await host.SignInNewAsync(Roles.Staff);
        var response = await staff.Http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }

    private static (double Open, double Booked, double CheckedIn) Hours(UtilisationReport report, Guid resourceId, DateOnly week)
    {
        var row = Assert.Single(report.Resources, r => r.ResourceId == resourceId && r.Week == week);
        return (row.OpenHours, row.BookedHours, row.CheckedInHours);
    }
}
