using System.Globalization;
using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Infrastructure;

/// <summary>
/// Instants that belong to no branch (a certification's grant and expiry, a suspension's end) as a person reads them:
/// in the library's first branch's zone, as the e-mails show them, and the request's culture; never UTC.
/// </summary>
public sealed record LibraryTime(string ZoneId)
{
    public static async Task<LibraryTime> ReadAsync(BookingDbContext db, CancellationToken ct) =>
        new(await db.Locations.AsNoTracking().OrderBy(l => l.Name).Select(l => l.TimeZoneId).FirstOrDefaultAsync(ct) ?? "UTC");

    private TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(ZoneId);

    /// <summary>The local date in the culture's long pattern ("Tuesday, December 1, 2026"; "martes, 1 de diciembre de 2026").</summary>
    public string Day(DateTime utc) => LocalCalendar.ToLocal(utc, Zone).ToString("D", CultureInfo.CurrentCulture);

    /// <summary>The local date and time with the zone's friendly name ("Tue, Dec 1, 2:00 PM (New York time)").</summary>
    public string When(DateTime utc) =>
        $"{LocalCalendar.Short(LocalCalendar.ToLocal(utc, Zone), CultureInfo.CurrentCulture)} ({RefusalWords.ZoneName(ZoneId, CultureInfo.CurrentUICulture)})";
}
