using Booking.Data;
using Booking.Data.Identity;
using Booking.Domain.Common;
using Booking.Domain.Partners;
using Booking.Domain.Patrons;
using Booking.Domain.Reservations;
using Booking.Workflows.Patrons;
using Booking.Workflows.Reservations;
using Booking.Workflows.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Booking.Workflows.Partners;

/// <summary>
/// What a partner organisation's staff do for their clients: create a client without e-mail, book for a client within
/// the limits the library set for the partner, register a client for a session the partner hosts, and read their own
/// clients' bookings and attendance. A patron who is not the partner's client is "not found", never "forbidden": the
/// answer tells nobody who else is a patron.
/// </summary>
public sealed class PartnerDesk(BookingDbContext db, PatronEnrolment enrolment, BookReservation booking, SessionRegistrations registrations)
{
    /// <summary>The organisation <paramref name="userId"/> works for, read fresh (an admin may have just removed them).</summary>
    public Task<Guid?> PartnerOfAsync(Guid userId, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.PartnerId).FirstOrDefaultAsync(ct);

    public Task<bool> IsClientAsync(Guid partnerId, Guid patronId, CancellationToken ct) =>
        db.PartnerClients.AnyAsync(c => c.PartnerId == partnerId && c.PatronId == patronId, ct);

    /// <summary>A client without e-mail, created and bound to the partner in one write (audited as the partner staff member's).</summary>
    public Task<UserAccount> CreateClientAsync(Guid partnerStaffId, Guid partnerId, NewPatron patron, CancellationToken ct) =>
        enrolment.CreateAsync(partnerStaffId, patron, partnerId, ct);

    /// <summary>Another organisation's client, or no patron at all: the same answer, so a partner learns nothing of either.</summary>
    public static readonly BookingRefusal NotYourClient = BookingRefusal.Of(ErrorCodes.NotFound, RefusalReasons.NotPartnersClient);

    /// <summary>Books for a client as the client would book (their own rules and quotas, no staff overrides), within the partner's limits.</summary>
    public async Task<BookingOutcome> BookAsync(Guid partnerStaffId, Guid partnerId, Guid patronId, Guid resourceId, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        if (!await IsClientAsync(partnerId, patronId, ct))
        {
            return BookingOutcome.Refused(NotYourClient);
        }

        var partner = await db.Partners.AsNoTracking().FirstAsync(p => p.Id == partnerId, ct);
        var input = new BookReservationInput(resourceId, start, end, null, null) { Partner = new PartnerBooking(partnerStaffId, partner.Name, partner.Limits()) };
        return await booking.HandleAsync(patronId, actorIsStaff: false, input, ct);
    }

    /// <summary>Registers a client for a session the partner hosts or has seats set aside in; any other session is "not found" to the partner.</summary>
    public async Task RegisterAsync(Guid partnerId, Guid patronId, Guid sessionId, CancellationToken ct)
    {
        if (!await IsClientAsync(partnerId, patronId, ct))
        {
            throw new DomainException(NotYourClient);
        }

        // A session the partner hosts takes its clients in any place; one with seats set aside for it, on those seats only.
        var hosts = await db.Sessions.Where(s => s.Id == sessionId && (s.PartnerId == partnerId || s.SeatsPartnerId == partnerId))
            .Select(s => (bool?)(s.PartnerId == partnerId)).FirstOrDefaultAsync(ct);
        if (hosts is null)
        {
            throw new DomainException(ErrorCodes.NotFound, "No session your organisation hosts, or has seats set aside in, with that id.");
        }

        if (hosts.Value)
        {
            await registrations.RegisterAsync(patronId, sessionId, ct);
        }
        else
        {
            await registrations.RegisterOnPartnerSeatAsync(partnerId, patronId, sessionId, ct);
        }
    }
}
