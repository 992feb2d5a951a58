namespace Booking.Domain.Notifications;

/// <summary>A message queued for a person; the jobs deliver it (e-mail) and stamp it sent, exactly once.</summary>
public sealed class Notification
{
    private Notification()
    {
    }

    public Notification(Guid recipientId, string kind, string subject, string body, Guid? reservationId, DateTime nowUtc, string? facts = null)
    {
        Facts = facts;
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

    /// <summary>
    /// What the mail tells, as JSON (ids, names, instants, reasons), rendered in the recipient's language when it is
    /// sent. Null on rows queued before it existed: those are sent with their stored English <see cref="Subject"/> and <see cref="Body"/>.
    /// </summary>
    public string? Facts { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? SentAtUtc { get; private set; }

    /// <summary>When a delivery job was last enqueued for it; a sweep re-enqueues only what stays unsent long after.</summary>
    public DateTime? QueuedAtUtc { get; private set; }

    /// <summary>Set when delivery found the message no longer applies (e.g. a reminder for a cancelled reservation).</summary>
    public DateTime? DiscardedAtUtc { get; private set; }

    public string? DiscardReason { get; private set; }

    public bool IsSettled => SentAtUtc is not null || DiscardedAtUtc is not null;

    public void MarkSent(DateTime nowUtc) => SentAtUtc ??= nowUtc;

    public void Discard(string reason, DateTime nowUtc)
    {
        if (IsSettled)
        {
            return;
        }

        DiscardedAtUtc = nowUtc;
        DiscardReason = reason;
    }
}
