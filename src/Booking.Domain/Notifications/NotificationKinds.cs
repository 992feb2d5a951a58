namespace Booking.Domain.Notifications;

/// <summary>The kinds of notification the model queues.</summary>
public static class NotificationKinds
{
    public const string ReservationCancelled = "reservation-cancelled";
    public const string ReservationApproved = "reservation-approved";
    public const string ReservationRejected = "reservation-rejected";
    public const string WaitlistOffer = "waitlist-offer";
    public const string CertificationGranted = "certification-granted";
    public const string CertificationRevoked = "certification-revoked";
    public const string SessionPromoted = "session-promoted";
    public const string SessionCancelled = "session-cancelled";
}
