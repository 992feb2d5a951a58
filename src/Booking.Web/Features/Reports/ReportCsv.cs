using CsvHelper;

namespace Booking.Web.Features.Reports;

/// <summary>
/// Writes report tables and the audit log as CSV (RFC 4180, UTF-8 with a byte order mark so spreadsheets read
/// accents right). Text that a spreadsheet would run as a formula (starting with = + - @, a tab or CR), such as
/// a resource named "=HYPERLINK(...)", is written with a leading apostrophe: shown as text, never run.
/// </summary>
public static class ReportCsv
{
    public static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape, WriteByteOrderMark = true };

    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>The table with its headers; numbers as plain numbers (percent columns as 0–100 with one decimal).</summary>
    public static async Task WriteAsync(Stream destination, ReportTable table, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(destination, Options, leaveOpen: true);
        csv.WriteHeader(table.Columns.Select(c => c.Header).ToArray());
        foreach (var row in table.Rows)
        {
            for (var i = 0; i < table.Columns.Count; i++)
            {
                WriteCell(csv, row[i], table.Columns[i].Format);
            }

            await csv.EndRecordAsync(ct);
        }

        await csv.FlushAsync(ct);
    }

    private static void WriteCell(CsvWriter csv, object? value, ColumnFormat format)
    {
        switch (value)
        {
            case null:
                csv.WriteField((string?)null);
                break;
            case double share when format == ColumnFormat.Percent:
                csv.WriteField(Math.Round(share * 100, 1), "0.0");
                break;
            case double number:
                csv.WriteField(number, "0.##");
                break;
            case int count:
                csv.WriteField(count, "");
                break;
            case DateOnly date:
                csv.WriteField(date, "");
                break;
            default:
                csv.WriteField(value.ToString());
                break;
        }
    }
}
