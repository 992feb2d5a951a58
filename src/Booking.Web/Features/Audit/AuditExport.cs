using System.Globalization;
using Booking.Data;
using Booking.Web.Features.Reports;
using Booking.Web.Infrastructure;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Audit;

/// <summary>The audit log as CSV, with the page's filters, streamed in batches; admins only.</summary>
public static class AuditExport
{
    private const int Batch = 1000;

    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/audit.csv", ExportAsync).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ExportAsync(HttpContext context, BookingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!context.User.IsAdmin())
        {
            return TypedResults.Text("The audit log is for admins only.", statusCode: StatusCodes.Status403Forbidden);
        }

        var q = context.Request.Query;
        var errors = new FieldErrors();
        var zone = await AuditZone.LoadAsync(db, ct);
        var search = AuditSearch.Read(q["person"], q["action"], q["from"], q["to"], zone, errors);
        if (search is null)
        {
            return errors.ToProblem();
        }

        // Entries written while the export runs would shift the batches: the file holds the log as it stood at the start.
        var now = clock.GetUtcNow().UtcDateTime;
        var query = (await search.QueryAsync(db, ct)).Where(a => a.AtUtc <= now);
        var response = context.Response;
        response.ContentType = ReportCsv.ContentType;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, zone)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var range = $"{search.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "start"}_{search.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? today}";
        response.Headers.ContentDisposition = $"attachment; filename=\"makerspace-audit-{range}.csv\"";

        await using var csv = CsvWriter.Create(response.Body, ReportCsv.Options, leaveOpen: true);
        csv.WriteHeader(["At", "Time zone", "Actor", "Actor id", "Action", "Subject", "About", "Details"]);
        for (var skip = 0; ; skip += Batch)
        {
            var entries = await query.Skip(skip).Take(Batch).ToListAsync(ct);
            foreach (var row in await search.RowsAsync(db, entries, ct))
            {
                csv.WriteField(row.At, "yyyy-MM-dd HH:mm:ss");
                csv.WriteField(zone.Id);
                csv.WriteField(row.ActorEmail);
                csv.WriteField(row.ActorId.ToString());
                csv.WriteField(row.Action);
                csv.WriteField(row.Subject);
                csv.WriteField(row.SubjectEmail);
                csv.WriteField(row.Details);
                await csv.EndRecordAsync(ct);
            }

            if (entries.Count < Batch)
            {
                break;
            }
        }

        await csv.FlushAsync(ct);
        return TypedResults.Empty;
    }
}
