using Booking.Domain.Common;

namespace Booking.Domain.Reservations;

/// <summary>A stretch when a resource is blocked for maintenance.</summary>
public sealed record MaintenanceWindow(UtcInterval Interval, string Reason);
