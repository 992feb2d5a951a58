using System.Globalization;
using System.Resources;

namespace Booking.Web.Features.Reports;

/// <summary>
/// The words and figures of the reports (table titles, column headings, chart titles and their text alternatives) in
/// one language: the English sentence is the key, its translation in <c>ReportWords.{language}.resx</c> beside this
/// file. The pages read them in the request's language; the CSV downloads in stable English (<see cref="Csv"/>), so a
/// spreadsheet's columns do not change with whoever downloaded it.
/// </summary>
public sealed class ReportWords
{
    // The neutral ReportWords.resx is empty: English is the key, and the lookup needs a neutral set to fall back to.
    private static readonly ResourceManager Words = new("Booking.Web.Features.Reports.ReportWords", typeof(ReportWords).Assembly);

    private readonly CultureInfo language;
    private readonly CultureInfo format;

    private ReportWords(CultureInfo language, CultureInfo format) => (this.language, this.format) = (language, format);

    /// <summary>The request's language and formats, for the pages.</summary>
    public static ReportWords Reader => new(CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);

    /// <summary>English headings and invariant figures, for the CSV downloads.</summary>
    public static ReportWords Csv { get; } = new(CultureInfo.InvariantCulture, CultureInfo.InvariantCulture);

    /// <summary>The culture figures are written in.</summary>
    public CultureInfo Culture => format;

    /// <summary>The sentence in this language, with its facts written in this culture.</summary>
    public string this[string english, params object?[] facts] =>
        string.Format(format, Words.GetString(english, language) ?? english, facts);

    /// <summary>A share as a whole percent ("45 %").</summary>
    public string Percent(double share) => this["{0} %", (share * 100).ToString("0", format)];

    /// <summary>A share, or "none" when there is nothing to divide by.</summary>
    public string Percent(double? share) => share is { } s ? Percent(s) : this["none"];

    public string Count(double count) => count.ToString("0", format);

    public string Hours(double hours) => hours.ToString("0.0", format);

    /// <summary>A date in the culture's short pattern ("12/29/2025", "29/12/2025").</summary>
    public string Date(DateOnly date) => date.ToString("d", format);

    /// <summary>A date in the culture's long pattern ("Monday, December 29, 2025").</summary>
    public string LongDate(DateOnly date) => date.ToString("D", format);

    public string Day(DayOfWeek day) => format.DateTimeFormat.GetDayName(day);

    public string ShortDay(DayOfWeek day) => format.DateTimeFormat.GetAbbreviatedDayName(day);

    /// <summary>An hour of the day in the culture's short time pattern ("2:00 PM", "14:00").</summary>
    public string Hour(int hour) => Booking.Domain.Common.LocalCalendar.Clock(new TimeOnly(hour, 0), format);
}
