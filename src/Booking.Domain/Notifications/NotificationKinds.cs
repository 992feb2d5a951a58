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
    public const string CertificationExpiring = "certification-expiring";
    public const string CertificationExpired = "certification-expired";
    public const string SessionPromoted = "session-promoted";
    public const string SessionCancelled = "session-cancelled";
    public const string SessionRegistered = "session-registered";
    public const string ReservationConfirmed = "reservation-confirmed";
    public const string Reminder = "reservation-reminder";
    public const string NoShow = "reservation-no-show";
    public const string Overdue = "laptop-overdue";
    public const string OverdueForStaff = "laptop-overdue-staff";
    public const string Suspended = "booking-suspended";

    /// <summary>Two attendees of a networking session both agreed to connect: each gets the other's contact details.</summary>
    public const string NetworkingConnected = "networking-connected";

    /// <summary>A partner organisation asks a patron to become its client: they answer on their account's partners page.</summary>
    public const string PartnerClientRequest = "partner-client-request";

    /// <summary>Kinds whose e-mail carries an .ics that cancels the calendar entry.</summary>
    public static bool CancelsCalendarEntry(string kind) => kind is ReservationCancelled or NoShow or ReservationRejected or SessionCancelled;

    /// <summary>Kinds whose e-mail carries an .ics that adds or updates the calendar entry.</summary>
    public static bool UpdatesCalendarEntry(string kind) => kind is ReservationConfirmed or ReservationApproved or Reminder or SessionRegistered or SessionPromoted;
}
