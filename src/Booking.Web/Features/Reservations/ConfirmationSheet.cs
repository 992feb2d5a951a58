using System.Globalization;
using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Patrons;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Microsoft.EntityFrameworkCore;
using QRCoder;

namespace Booking.Web.Features.Reservations;

/// <summary>
/// What a reservation's printable confirmation shows (<c>_ConfirmationSheet</c>): the desk's and the partner desk's
/// print the same paper. The card number is masked: the paper leaves the library.
/// </summary>
public sealed record ConfirmationSheet(
    Guid Id, Guid PatronId, string PatronName, string? MaskedCard, string ResourceName, string Kind, string BranchName, string? BranchAddress,
    string ZoneCity, DateTimeOffset Start, DateTimeOffset End, ReservationStatus Status, int CheckInOpensMinutesBefore, int NoShowGraceMinutes,
    string QrSvg, string? PatronLanguage)
{
    public bool IsLaptop => Kind == KnownKinds.Laptop;

    /// <summary>
    /// The language the paper is printed in: the one asked for with <c>?lang=</c> (a supported one only; anything else is
    /// ignored, like an unknown Accept-Language), else the patron's saved one, else the reader's.
    /// </summary>
    public CultureInfo PrintCulture(string? asked) =>
        Languages.CultureFor(Languages.Normalize(asked) ?? Languages.Normalize(PatronLanguage) ?? CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);

    /// <summary>The desk's page for reservation <paramref name="id"/>: its QR code opens it, where staff check the patron in.</summary>
    public static string CheckInPath(Guid id) => $"/desk/reservations/{id}/confirmation";

    /// <summary>The sheet of reservation <paramref name="id"/>, its QR code linking <paramref name="checkInUrl"/>; null when there is none.</summary>
    public static async Task<ConfirmationSheet?> LoadAsync(BookingDbContext db, Guid id, string checkInUrl, CancellationToken ct)
    {
        var row = await ReservationQueries.Rows(db).Where(r => r.Reservation.Id == id).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var branch = await db.Locations.AsNoTracking().Where(l => l.Id == row.Resource.LocationId).Select(l => new { l.Name, l.Address }).FirstAsync(ct);
        var patron = await db.Users.AsNoTracking().Where(u => u.Id == row.Reservation.PatronId)
            .Select(u => new { u.DisplayName, u.Email, u.LibraryCardNumber, u.PreferredLanguage }).FirstAsync(ct);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(row.TimeZoneId);
        var reservation = row.Reservation;
        var policy = row.Resource.EffectivePolicy(row.Kind.DefaultPolicy);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(checkInUrl, QRCodeGenerator.ECCLevel.Q);
        return new ConfirmationSheet(
            id,
            reservation.PatronId,
            string.IsNullOrWhiteSpace(patron.DisplayName) ? patron.Email ?? "" : patron.DisplayName,
            patron.LibraryCardNumber is { } card ? LibraryCard.Mask(card) : null,
            row.Resource.Name,
            reservation.KindCode,
            branch.Name,
            branch.Address,
            row.TimeZoneId[(row.TimeZoneId.LastIndexOf('/') + 1)..].Replace('_', ' '),
            ReservationQueries.Local(reservation.StartsAtUtc, zone),
            ReservationQueries.Local(reservation.EndsAtUtc, zone),
            reservation.Status,
            policy.CheckInOpensMinutesBefore,
            policy.NoShowGraceMinutes,
            new SvgQRCode(data).GetGraphic(6),
            patron.PreferredLanguage);
    }
}

/// <summary>A page that prints a paper for a patron in the patron's language (<see cref="PrintLanguageAttribute"/>).</summary>
public interface IPrinted
{
    CultureInfo PrintCulture { get; }
}

/// <summary>Renders an <see cref="IPrinted"/> page (layout and all, so its <c>lang</c> follows) in its <see cref="IPrinted.PrintCulture"/>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PrintLanguageAttribute : Attribute, Microsoft.AspNetCore.Mvc.Filters.IAsyncResultFilter
{
    public async Task OnResultExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.ResultExecutingContext context, Microsoft.AspNetCore.Mvc.Filters.ResultExecutionDelegate next)
    {
        if (context.Controller is not IPrinted { PrintCulture: var culture })
        {
            await next();
            return;
        }

        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, culture);
        try
        {
            await next();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
        }
    }
}
