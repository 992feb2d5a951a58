using Booking.Domain.Certifications;
using Booking.Domain.Common;
using Booking.Domain.Locations;
using Booking.Domain.Resources;

namespace Booking.Domain.Reservations;

/// <summary>
/// What the rules need to know besides the request, read by the caller in a few set-based queries.
/// <see cref="Taken"/> are the active reservations of the resource as [start, end + buffer).
/// </summary>
public sealed record BookingFacts
{
    public required Resource Resource { get; init; }

    public required Location Location { get; init; }

    public required BookingPolicy Policy { get; init; }

    public required DateTime NowUtc { get; init; }

    public IReadOnlyList<UtcInterval> Taken { get; init; } = [];

    public IReadOnlyList<MaintenanceWindow> Maintenance { get; init; } = [];

    /// <summary>The patron's active reservations of this kind that have not yet ended.</summary>
    public int PatronActiveOfKind { get; init; }

    /// <summary>Certifications the resource requires (none for most resources).</summary>
    public IReadOnlyList<RequiredCertification> RequiredCertifications { get; init; } = [];

    /// <summary>The patron's valid grants of the required certifications.</summary>
    public IReadOnlyList<HeldCertification> HeldCertifications { get; init; } = [];

    /// <summary>Minutes the patron already holds of this kind in the local week of the request's start.</summary>
    public double PatronMinutesInWeek { get; init; }

    /// <summary>The kind's name, as a refusal names it.</summary>
    public string KindName { get; init; } = "";

    /// <summary>A no-show suspension of the patron for this kind, in force now; null when there is none.</summary>
    public SuspensionInForce? Suspension { get; init; }
}

