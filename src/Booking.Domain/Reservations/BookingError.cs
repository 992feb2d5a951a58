using Booking.Domain.Certifications;

namespace Booking.Domain.Reservations;

/// <summary>The refusal codes of SPEC.md's error table; each is also the API's <c>code</c>.</summary>
public static class BookingError
{
    public const string Validation = "validation";
    public const string SlotTaken = "slot-taken";
    public const string OutsideOpeningHours = "outside-opening-hours";
    public const string Closed = "closed";
    public const string Duration = "duration";
    public const string LeadTime = "lead-time";
    public const string AdvanceWindow = "advance-window";
    public const string Quota = "quota";
    public const string Maintenance = "maintenance";
    public const string OutOfService = "out-of-service";
    public const string CertificationRequired = "certification-required";

    /// <summary>A state change the reservation's status does not allow (e.g. checking in a cancelled one).</summary>
    public const string InvalidState = "invalid-state";

    /// <summary>Check-in before its window opens or after the no-show grace.</summary>
    public const string CheckInWindow = "check-in-window";
}

/// <summary>Why a booking cannot be made, in words a patron understands.</summary>
public sealed record BookingRefusal(string Code, string Message)
{
    /// <summary>For <see cref="BookingError.CertificationRequired"/>: each certification missing or expiring, with how to get it.</summary>
    public IReadOnlyList<MissingCertification> Certifications { get; init; } = [];
}
