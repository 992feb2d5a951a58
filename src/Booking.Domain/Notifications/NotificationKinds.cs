namespace Booking.Domain.Notifications;

/// <summary>The kinds of notification the model queues.</summary>
public static class NotificationKinds
{
    public const string ReservationCancelled = "reservation-cancelled";
    public const string ReservationApproved = "reservation-approved";
    public const string ReservationRejected = "reservation-rejected";
    public const string WaitlistOffer = "waitlist-offer";
}
