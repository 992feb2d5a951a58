using Booking.Domain.Certifications;
using Booking.Domain.Common;

namespace Booking.Domain.Reservations;

/// <summary>Why a booking cannot be made, in words a patron understands.</summary>
public sealed record BookingRefusal(string Code, string Message)
{
    /// <summary>For <see cref="ErrorCodes.CertificationRequired"/>: each certification missing or expiring, with how to get it.</summary>
    public IReadOnlyList<MissingCertification> Certifications { get; init; } = [];
}
