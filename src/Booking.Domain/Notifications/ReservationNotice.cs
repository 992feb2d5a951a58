namespace Booking.Domain.Notifications;

/// <summary>
/// The stamp a sweep leaves when it queued a notice about a reservation (a confirmation, a reminder of
/// one lead time, an overdue day). Its unique key (reservation, purpose, start it was about) makes
/// "at most once" a database fact, whatever retries or nodes.
/// </summary>
public sealed class ReservationNotice
{
    private ReservationNotice()
    {
    }

    public ReservationNotice(Guid reservationId, string purpose, DateTime forStartsAtUtc, Guid? notificationId, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        ReservationId = reservationId;
        Purpose = purpose;
        ForStartsAtUtc = forStartsAtUtc;
        NotificationId = notificationId;
        StampedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }

    public Guid ReservationId { get; private set; }

    /// <summary>E.g. <c>confirmation</c>, <c>reminder-1440</c> (minutes before), <c>overdue-day-2</c>.</summary>
    public string Purpose { get; private set; } = "";

    /// <summary>The reservation's start when the notice was made: a moved reservation gets fresh notices, the old ones are void.</summary>
    public DateTime ForStartsAtUtc { get; private set; }

    /// <summary>The patron's notification; null when the stamp only records that nothing was due (a booking made inside the lead time).</summary>
    public Guid? NotificationId { get; private set; }

    public DateTime StampedAtUtc { get; private set; }

    public static string ReminderPurpose(TimeSpan lead) => $"reminder-{(int)lead.TotalMinutes}";

    public static string OverduePurpose(int day) => $"overdue-day-{day}";

    public const string Confirmation = "confirmation";
}
