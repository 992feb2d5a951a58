using System.Globalization;
using Booking.Jobs.Mail;

namespace Booking.Jobs.Calendar;

/// <summary>The words of an .ics (SUMMARY, DESCRIPTION, a feed's name) in its reader's language, from <c>NoticeTexts</c>.</summary>
public static class CalendarWords
{
    public static string Summary(string resource, CultureInfo culture) => Fill("Calendar.Summary", culture, ("resource", resource));

    /// <summary>Where the reservation is, then the patron's own notes (their words, as written) when there are any.</summary>
    public static string Description(string resource, string location, string? notes, CultureInfo culture)
    {
        var said = Fill("Calendar.Description", culture, ("resource", resource), ("location", location));
        return string.IsNullOrWhiteSpace(notes) ? said : said + "\n\n" + notes;
    }

    public static string MyReservations(CultureInfo culture) => NoticeWriter.Text("Calendar.MyReservations", culture);

    public static string Booked(CultureInfo culture) => NoticeWriter.Text("Calendar.Booked", culture);

    public static string BusyTimes(string resource, CultureInfo culture) => Fill("Calendar.BusyTimes", culture, ("resource", resource));

    private static string Fill(string key, CultureInfo culture, params (string Name, string Value)[] values)
    {
        var text = NoticeWriter.Text(key, culture);
        foreach (var (name, value) in values)
        {
            text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return text;
    }
}
