using Booking.Data;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Reports;

/// <summary>
/// The reports as JSON (<c>/api/v1/reports/...</c>) and each table as CSV (<c>/reports/{table}.csv</c>), for staff
/// and admins. Each takes <c>from</c>, <c>to</c> (yyyy-MM-dd, local dates, both included; default the last four weeks)
/// and <c>locationId</c> (default every branch).
/// </summary>
public static class ReportsApi
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/reports").WithTags("Reports").RequireAuthorization(MakerspaceApp.StaffPolicy);
        group.MapGet("/utilisation", (HttpRequest r, ReportQueries q, BookingDbContext db, TimeProvider c, CancellationToken ct) => Answer(r, db, c, q.UtilisationAsync, ct));
        group.MapGet("/attendance", (HttpRequest r, ReportQueries q, BookingDbContext db, TimeProvider c, CancellationToken ct) => Answer(r, db, c, q.AttendanceAsync, ct));
        group.MapGet("/busiest-times", (HttpRequest r, ReportQueries q, BookingDbContext db, TimeProvider c, CancellationToken ct) => Answer(r, db, c, q.BusiestTimesAsync, ct));
        group.MapGet("/certifications", (HttpRequest r, ReportQueries q, BookingDbContext db, TimeProvider c, CancellationToken ct) => Answer(r, db, c, q.CertificationsAsync, ct));
        group.MapGet("/demand", (HttpRequest r, ReportQueries q, BookingDbContext db, TimeProvider c, CancellationToken ct) => Answer(r, db, c, q.DemandAsync, ct));
        return api;
    }

    /// <summary>The CSV downloads, beside the pages (a signed-out click is sent to sign in, as on the pages).</summary>
    public static IEndpointRouteBuilder MapReportDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reports/{table}.csv", Download).RequireAuthorization(MakerspaceApp.StaffPolicy).ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<Ok<T>, ValidationProblem>> Answer<T>(
        HttpRequest request, BookingDbContext db, TimeProvider clock, Func<ReportScope, CancellationToken, Task<T>> report, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var scope = await ReadScopeAsync(request, db, clock, errors, ct);
        return scope is null ? errors.ToProblem() : TypedResults.Ok(await report(scope, ct));
    }

    private static async Task<IResult> Download(string table, HttpRequest request, HttpResponse response, ReportQueries queries, BookingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!ReportTables.ReportOf.ContainsKey(table))
        {
            return Problems.NotFound("report");
        }

        var errors = new FieldErrors();
        var scope = await ReadScopeAsync(request, db, clock, errors, ct);
        if (scope is null)
        {
            return errors.ToProblem();
        }

        var names = await NamesAsync(db, ct);
        var csv = table switch
        {
            "utilisation-kinds" => ReportTables.UtilisationKinds(await queries.UtilisationAsync(scope, ct), names),
            "utilisation-resources" => ReportTables.UtilisationResources(await queries.UtilisationAsync(scope, ct), names),
            "attendance" => ReportTables.Attendance(await queries.AttendanceAsync(scope, ct), names),
            "busiest-times" => ReportTables.BusiestTimes(await queries.BusiestTimesAsync(scope, ct)),
            "certifications" => ReportTables.Certifications(await queries.CertificationsAsync(scope, ct)),
            "sessions" => ReportTables.Sessions(await queries.CertificationsAsync(scope, ct)),
            "demand" => ReportTables.Demand(await queries.DemandAsync(scope, ct), names),
            _ => ReportTables.Refusals(await queries.DemandAsync(scope, ct), names),
        };

        response.ContentType = ReportCsv.ContentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"makerspace-{table}-{scope.FileSuffix}.csv\"";
        await ReportCsv.WriteAsync(response.Body, csv, ct);
        return TypedResults.Empty;
    }

    public static Task<ReportScope?> ReadScopeAsync(HttpRequest request, BookingDbContext db, TimeProvider clock, FieldErrors errors, CancellationToken ct) =>
        ReportScope.ReadAsync(db, clock, request.Query["from"], request.Query["to"], request.Query["locationId"], errors, ct);

    public static async Task<ReportTables.Names> NamesAsync(BookingDbContext db, CancellationToken ct) =>
        new(await db.ResourceKinds.AsNoTracking().ToDictionaryAsync(k => k.Code, k => k.Name, ct));
}
