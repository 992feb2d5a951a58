using Booking.Data;
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
