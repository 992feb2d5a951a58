using Booking.Domain.Common;

namespace Booking.Domain.Reservations;

/// <summary>What a patron (or staff on their behalf) asks for.</summary>
public sealed record BookingRequest(Guid PatronId, UtcInterval Interval, bool OnBehalfByStaff = false);
