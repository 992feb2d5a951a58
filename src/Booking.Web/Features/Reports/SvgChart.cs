using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Booking.Web.Features.Reports;

/// <summary>A series of a bar chart: its name in the legend and its colour (each at least 4.5:1 against white).</summary>
public sealed record BarSeries(string Name, string Colour);

/// <summary>A group of bars: a label and one value per series (null when there is nothing to show).</summary>
public sealed record BarGroup(string Label, IReadOnlyList<double?> Values);

/// <summary>
/// Charts drawn on the server as inline SVG: no script, nothing from elsewhere. Each is an image with a title and
/// a description for screen readers (the data table beside it holds every figure). No viewBox: text keeps its size
/// and bars stretch with the width (percent lengths), so a chart reads the same on a phone and a desktop.
/// </summary>
public static class SvgChart
{
    /// <summary>Colours for series, dark enough for text and bars on white (WCAG AA, 4.5:1 and more).</summary>
    public static readonly IReadOnlyList<string> Palette = ["#0b5394", "#a0410d", "#2e6b30", "#6a1b9a"];

    // Heat-map steps, light to dark, with the text colour that keeps 4.5:1 on each.
    private static readonly (string Fill, string Text)[] Heat =
    [
        ("#f5f5f5", "#4a4a4a"), ("#d6e6f5", "#1b1b1b"), ("#9ec5e8", "#1b1b1b"), ("#3470aa", "#ffffff"), ("#1f5f99", "#ffffff"), ("#0b3d73", "#ffffff"),
    ];

    private const int LineHeight = 20;
    private const int BarHeight = 16;
    private const string BarArea = "70"; // percent of the width for the longest bar; the value is written after it

    /// <summary>
    /// Horizontal bars, grouped by label; <paramref name="show"/> writes a value, <paramref name="max"/> is the full bar,
    /// <paramref name="words"/> say "none" and "nothing to show" in the reader's language.
    /// </summary>
    public static IHtmlContent Bars(
        string id, string title, string description, IReadOnlyList<BarSeries> series, IReadOnlyList<BarGroup> groups, Func<double, string> show, double max, ReportWords words)
    {
        var svg = new StringBuilder();
        var y = 0;
        var body = new StringBuilder();

        // The legend, one series a line so long names never run off a phone's screen.
        if (series.Count > 1)
        {
            foreach (var s in series)
            {
                body.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"{y + 3}\" width=\"14\" height=\"14\" fill=\"{s.Colour}\"/>");
                body.Append(CultureInfo.InvariantCulture, $"<text x=\"22\" y=\"{y + 15}\">{E(s.Name)}</text>");
                y += LineHeight;
            }

            y += 8;
        }

        foreach (var group in groups)
        {
            body.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 15}\" font-weight=\"600\">{E(group.Label)}</text>");
            y += LineHeight + 2;
            for (var i = 0; i < series.Count; i++)
            {
                var value = group.Values[i];
                var share = value is { } v && max > 0 ? Math.Clamp(v / max, 0, 1) : 0;
                var width = (share * double.Parse(BarArea, CultureInfo.InvariantCulture)).ToString("0.##", CultureInfo.InvariantCulture);
                var after = ((share * double.Parse(BarArea, CultureInfo.InvariantCulture)) + 1.5).ToString("0.##", CultureInfo.InvariantCulture);
                body.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"{y}\" width=\"{width}%\" height=\"{BarHeight}\" fill=\"{series[i].Colour}\"/>");
                var label = value is { } shown ? show(shown) : words["none"];
                body.Append(CultureInfo.InvariantCulture, $"<text x=\"{after}%\" y=\"{y + 13}\" font-size=\"13\">{E(label)}</text>");
                y += BarHeight + 4;
            }

            y += 10;
        }

        if (groups.Count == 0)
        {
            body.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 15}\">{E(words["Nothing to show for this range."])}</text>");
            y += LineHeight + 4;
        }

        Open(svg, id, title, description, y);
        svg.Append(body).Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    /// <summary>A grid of counts (rows × columns), each cell shaded by its count and labelled with it.</summary>
    public static IHtmlContent HeatMap(string id, string title, string description, IReadOnlyList<string> columns, IReadOnlyList<string> rows, Func<int, int, int> value)
    {
        const int rowHeight = 26;
        const double labelWidth = 16;
        var columnWidth = (100 - labelWidth) / columns.Count;
        var max = 0;
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                max = Math.Max(max, value(r, c));
            }
        }

        var body = new StringBuilder();
        for (var c = 0; c < columns.Count; c++)
        {
            body.Append(CultureInfo.InvariantCulture, $"<text x=\"{P(labelWidth + (columnWidth * (c + 0.5)))}%\" y=\"16\" text-anchor=\"middle\" font-weight=\"600\">{E(columns[c])}</text>");
        }

        var y = 24;
        for (var r = 0; r < rows.Count; r++)
        {
            body.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 18}\" font-size=\"13\">{E(rows[r])}</text>");
            for (var c = 0; c < columns.Count; c++)
            {
                var count = value(r, c);
                var step = count == 0 || max == 0 ? 0 : 1 + (int)Math.Min(Heat.Length - 2, Math.Floor((double)(count - 1) * (Heat.Length - 1) / max));
                var (fill, text) = Heat[step];
                body.Append(CultureInfo.InvariantCulture, $"<rect x=\"{P(labelWidth + (columnWidth * c) + 0.4)}%\" y=\"{y}\" width=\"{P(columnWidth - 0.8)}%\" height=\"{rowHeight - 3}\" fill=\"{fill}\"/>");
                body.Append(CultureInfo.InvariantCulture, $"<text x=\"{P(labelWidth + (columnWidth * (c + 0.5)))}%\" y=\"{y + 17}\" text-anchor=\"middle\" font-size=\"13\" fill=\"{text}\">{count}</text>");
            }

            y += rowHeight;
        }

        var svg = new StringBuilder();
        Open(svg, id, title, description, y + 4);
        svg.Append(body).Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    private static void Open(StringBuilder svg, string id, string title, string description, int height) =>
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" width=\"100%\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">")
            .Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{E(title)}</title><desc id=\"{id}-desc\">{E(description)}</desc>");

    private static string P(double percent) => percent.ToString("0.##", CultureInfo.InvariantCulture);

    private static string E(string text) => HtmlEncoder.Default.Encode(text);
}
