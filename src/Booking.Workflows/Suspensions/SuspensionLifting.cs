using Booking.Data;
using Booking.Domain.Audit;
using Booking.Domain.Common;
using Booking.Domain.Reservations;
using Microsoft.EntityFrameworkCore;

namespace Booking.Workflows.Suspensions;

/// <summary>Staff lift a no-show suspension early, in the audit log; the API and the desk's patron page share it.</summary>
public sealed class SuspensionLifting(BookingDbContext db, TimeProvider clock)
{
    public async Task<BookingSuspension> LiftAsync(Guid staffId, Guid suspensionId, CancellationToken ct)
    {
        var suspension = await db.BookingSuspensions.FirstOrDefaultAsync(s => s.Id == suspensionId, ct)
            ?? throw new DomainException(ErrorCodes.NotFound, "No suspension with that id.");
        var now = clock.GetUtcNow().UtcDateTime;
        suspension.Lift(staffId, now);
        db.AuditLog.Add(new AuditEntry(staffId, "suspension.lift", $"patron:{suspension.PatronId}", $"Lifted the {suspension.KindCode} suspension: {suspension.Reason}", now));
        await db.SaveChangesAsync(ct);
        return suspension;
    }
}
