using System.Globalization;

namespace Booking.Web.Features.Reports;

/// <summary>How a column's values are shown and written to CSV.</summary>
public enum ColumnFormat
{
    Text,
    Count,
    Hours,
    Percent,
    Date,
}

/// <summary>A column of a report table.</summary>
public sealed record ReportColumn(string Header, ColumnFormat Format);

/// <summary>
/// One table of a report, as the page shows it beside its chart and as its CSV download holds it. Cells are
/// strings, numbers (<see cref="double"/> or <see cref="int"/>; a share for <see cref="ColumnFormat.Percent"/>),
/// dates, or null for "none".
/// </summary>
public sealed record ReportTable(string Name, string Caption, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<object?[]> Rows)
{
    /// <summary>A cell as a person reads it, in the reader's culture: hours with one decimal, shares as whole percents, none as a dash.</summary>
    public static string Show(object? value, ColumnFormat format, ReportWords words) => (value, format) switch
    {
        (null, _) => "–",
        (double share, ColumnFormat.Percent) => words.Percent(share),
        (double hours, ColumnFormat.Hours) => words.Hours(hours),
        (DateOnly date, _) => words.Date(date),
        (IFormattable f, _) => f.ToString(null, words.Culture),
        _ => value.ToString() ?? "",
    };
}
