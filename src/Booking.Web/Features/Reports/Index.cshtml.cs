using Booking.Data;
using Booking.Domain.Locations;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Reports;

/// <summary>Every report for a range and a branch: a chart, its table and a CSV download each.</summary>
[Authorize(Policy = MakerspaceApp.StaffPolicy)]
public sealed class IndexModel(BookingDbContext db, ReportQueries queries, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Location> Branches { get; private set; } = [];

    public ReportScope? Scope { get; private set; }

    public FieldErrors Errors { get; } = new();

    public string? From { get; private set; }

    public string? To { get; private set; }

    public string? LocationId { get; private set; }

    public ReportTables.Names Names { get; private set; } = new(new Dictionary<string, string>());

    public UtilisationReport? Utilisation { get; private set; }

    public AttendanceReport? Attendance { get; private set; }

    public BusiestTimesReport? Busiest { get; private set; }

    public CertificationsReport? Certifications { get; private set; }

    public DemandReport? Demand { get; private set; }

    public async Task OnGetAsync(string? from, string? to, string? locationId, CancellationToken ct)
    {
        (From, To, LocationId) = (from, to, locationId);
        Branches = await db.Locations.AsNoTracking().OrderBy(l => l.Name).ToListAsync(ct);
        Scope = await ReportScope.ReadAsync(db, clock, from, to, locationId, Errors, ct);
        if (Scope is null)
        {
            return;
        }

        From = Scope.Range.From.ToString("yyyy-MM-dd");
        To = Scope.Range.To.ToString("yyyy-MM-dd");
        Names = await ReportsApi.NamesAsync(db, ct);
        Utilisation = await queries.UtilisationAsync(Scope, ct);
        Attendance = await queries.AttendanceAsync(Scope, ct);
        Busiest = await queries.BusiestTimesAsync(Scope, ct);
        Certifications = await queries.CertificationsAsync(Scope, ct);
        Demand = await queries.DemandAsync(Scope, ct);
    }

    /// <summary>The download link of a table, for the range and branch shown.</summary>
    public string CsvUrl(string table)
    {
        var query = new Dictionary<string, string?> { ["from"] = From, ["to"] = To };
        if (Scope?.Branch is { } branch)
        {
            query["locationId"] = branch.Id.ToString();
        }

        return QueryHelpers.AddQueryString($"/reports/{table}.csv", query);
    }
}
