namespace Booking.Domain.Notifications;

/// <summary>A message queued for a person; the jobs deliver it (e-mail) and stamp it sent, exactly once.</summary>
public sealed class Notification
{
    private Notification()
    {
    }

    public Notification(Guid recipientId, string kind, string subject, string body, Guid? reservationId, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        RecipientId = recipientId;
        Kind = kind;
        Subject = subject;
        Body = body;
        ReservationId = reservationId;
        CreatedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }

    public Guid RecipientId { get; private set; }

    /// <summary>What happened, e.g. <c>reservation-cancelled</c>, <c>waitlist-offer</c>.</summary>
    public string Kind { get; private set; } = "";

    public string Subject { get; private set; } = "";

    public string Body { get; private set; } = "";

    public Guid? ReservationId { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? SentAtUtc { get; private set; }

    public void MarkSent(DateTime nowUtc) => SentAtUtc ??= nowUtc;
}
