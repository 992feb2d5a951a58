namespace Booking.Domain.Reservations;

/// <summary>Where a reservation is in its life; see SPEC.md.</summary>
public enum ReservationStatus
{
    Pending,
    Confirmed,
    CheckedIn,
    Completed,
    Cancelled,
    NoShow,
    Rejected,
}

/// <summary>The status codes the API and database use (<c>checked-in</c>, <c>no-show</c>, ...).</summary>
public static class ReservationStatusCodes
{
    public const string Pending = "pending";
    public const string Confirmed = "confirmed";
    public const string CheckedIn = "checked-in";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
    public const string NoShow = "no-show";
    public const string Rejected = "rejected";

    /// <summary>Statuses that hold the slot; no two of these may overlap on one resource.</summary>
    public static readonly IReadOnlyList<ReservationStatus> Active = [ReservationStatus.Pending, ReservationStatus.Confirmed, ReservationStatus.CheckedIn];

    public static bool IsActive(this ReservationStatus status) => status is ReservationStatus.Pending or ReservationStatus.Confirmed or ReservationStatus.CheckedIn;

    public static string ToCode(this ReservationStatus status) => status switch
    {
        ReservationStatus.Pending => Pending,
        ReservationStatus.Confirmed => Confirmed,
        ReservationStatus.CheckedIn => CheckedIn,
        ReservationStatus.Completed => Completed,
        ReservationStatus.Cancelled => Cancelled,
        ReservationStatus.NoShow => NoShow,
        ReservationStatus.Rejected => Rejected,
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static ReservationStatus FromCode(string code) => code switch
    {
        Pending => ReservationStatus.Pending,
        Confirmed => ReservationStatus.Confirmed,
        CheckedIn => ReservationStatus.CheckedIn,
        Completed => ReservationStatus.Completed,
        Cancelled => ReservationStatus.Cancelled,
        NoShow => ReservationStatus.NoShow,
        Rejected => ReservationStatus.Rejected,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown reservation status."),
    };
}
