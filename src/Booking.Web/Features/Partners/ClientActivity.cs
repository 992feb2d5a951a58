using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Patrons;
using Booking.Domain.Sessions;
using Booking.Web.Features.Reservations;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Partners;

/// <summary>
/// One client's bookings and session places as partner staff see them (the partner desk's client page and
/// <c>GET /api/v1/partner/clients/{id}</c>): the latest 200 of each, times in the branch's zone, and no e-mail (the
/// reservations' patron e-mail is the client's own; partner staff do not need it). The caller has checked the client is theirs.
/// </summary>
public sealed record ClientActivity(ClientView Client, IReadOnlyList<ReservationView> Reservations, IReadOnlyList<ClientActivity.Place> Places)
{
    /// <summary>A session place: its times local to the session's branch.</summary>
    public sealed record Place(Guid SessionId, string Title, DateTime StartUtc, DateTime StartLocal, DateTime EndLocal, RegistrationStatus Status);

    public static async Task<ClientActivity> ReadAsync(BookingDbContext db, Guid patronId, DateTime nowUtc, CancellationToken ct)
    {
        var account = await db.Users.AsNoTracking().Where(u => u.Id == patronId).Select(u => new { u.DisplayName, u.Email, u.LibraryCardNumber }).FirstAsync(ct);
        var rows = await ReservationQueries.Rows(db).Where(r => r.Reservation.PatronId == patronId)
            .OrderByDescending(r => r.Reservation.StartsAtUtc).Take(200).ToListAsync(ct);
        var places = await (from g in db.SessionRegistrations.AsNoTracking()
                            join s in db.Sessions.AsNoTracking() on g.SessionId equals s.Id
                            join l in db.Locations.AsNoTracking() on s.LocationId equals l.Id
                            where g.PatronId == patronId
                            orderby s.StartsAtUtc descending
                            select new { s.Id, s.Title, s.StartsAtUtc, s.EndsAtUtc, g.Status, l.TimeZoneId }).Take(200).ToListAsync(ct);
        var client = new ClientView(patronId, account.DisplayName ?? account.Email ?? "", account.LibraryCardNumber is { } card ? LibraryCard.Mask(card) : null);
        var reservations = rows.Select(r => ReservationQueries.ToView(r, nowUtc) with { PatronEmail = null }).ToList();
        return new ClientActivity(client, reservations, places.Select(p =>
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(p.TimeZoneId);
            return new Place(p.Id, p.Title, p.StartsAtUtc, LocalCalendar.ToLocal(p.StartsAtUtc, zone), LocalCalendar.ToLocal(p.EndsAtUtc, zone), p.Status);
        }).ToList());
    }
}
