using System.Linq.Expressions;
using Booking.Domain.Reservations;

namespace Booking.Workflows.Reservations;

/// <summary>Query filters spelled once, so every query means the same by "active".</summary>
public static class ReservationFilters
{
    /// <summary>Pending, confirmed or checked-in: holds the slot.</summary>
    public static readonly Expression<Func<Reservation, bool>> IsActive = r =>
        r.Status == ReservationStatus.Pending || r.Status == ReservationStatus.Confirmed || r.Status == ReservationStatus.CheckedIn;

    /// <summary>Counts toward a weekly-hours quota: active, or used and completed.</summary>
    public static readonly Expression<Func<Reservation, bool>> CountsTowardQuota = r =>
        r.Status == ReservationStatus.Pending || r.Status == ReservationStatus.Confirmed
        || r.Status == ReservationStatus.CheckedIn || r.Status == ReservationStatus.Completed;
}
