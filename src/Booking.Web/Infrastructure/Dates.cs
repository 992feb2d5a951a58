using System.Globalization;
using Booking.Domain.Common;

namespace Booking.Web.Infrastructure;

/// <summary>
/// Local dates and times on pages, as the reader's culture writes them (issue #17): "Tuesday, January 13, 2:00 PM" for
/// an English reader, "martes, 13 de enero, 14:00" for a Spanish one. The value is already in the branch's zone.
/// </summary>
public static class Dates
{
    /// <summary>"Tuesday, January 13" · "martes, 13 de enero".</summary>
    public static string Day(DateTime local) => local.ToString($"dddd, {Culture.DateTimeFormat.MonthDayPattern}", Culture);

    /// <summary>"Tuesday, January 13, 2026" · "martes, 13 de enero de 2026".</summary>
    public static string DayWithYear(DateTime local) => local.ToString("D", Culture);

    /// <summary>"Tue, Jan 13" · "mar, 13 de ene".</summary>
    public static string ShortDay(DateTime local) =>
        local.ToString($"ddd, {Culture.DateTimeFormat.MonthDayPattern.Replace("MMMM", "MMM", StringComparison.Ordinal)}", Culture);

    /// <summary>"2:00 PM" · "14:00".</summary>
    public static string Time(DateTime local) => LocalCalendar.Clock(TimeOnly.FromDateTime(local), Culture);

    /// <summary>"Tuesday, January 13, 2:00 PM" · "martes, 13 de enero, 14:00".</summary>
    public static string DayAndTime(DateTime local) => $"{Day(local)}, {Time(local)}";

    /// <summary>"Tuesday, January 13, 2026, 2:00 PM" · "martes, 13 de enero de 2026, 14:00".</summary>
    public static string DayWithYearAndTime(DateTime local) => $"{DayWithYear(local)}, {Time(local)}";

    public static string Day(DateTimeOffset local) => Day(local.DateTime);

    public static string Day(DateOnly day) => Day(day.ToDateTime(TimeOnly.MinValue));

    public static string DayWithYear(DateTimeOffset local) => DayWithYear(local.DateTime);

    public static string DayWithYear(DateOnly day) => DayWithYear(day.ToDateTime(TimeOnly.MinValue));

    public static string ShortDay(DateTimeOffset local) => ShortDay(local.DateTime);

    public static string ShortDay(DateOnly day) => ShortDay(day.ToDateTime(TimeOnly.MinValue));

    public static string Time(DateTimeOffset local) => Time(local.DateTime);

    public static string DayAndTime(DateTimeOffset local) => DayAndTime(local.DateTime);

    public static string DayWithYearAndTime(DateTimeOffset local) => DayWithYearAndTime(local.DateTime);

    private static CultureInfo Culture => CultureInfo.CurrentCulture;
}
