namespace Booking.Domain.Audit;

/// <summary>A record of a consequential staff action: an override, a cancellation on behalf, a maintenance block, a certification.</summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
    }

    public AuditEntry(Guid actorId, string action, string subject, string details, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        ActorId = actorId;
        Action = action;
        Subject = subject;
        Details = details;
        AtUtc = nowUtc;
    }

    public Guid Id { get; private set; }

    public DateTime AtUtc { get; private set; }

    public Guid ActorId { get; private set; }

    /// <summary>What was done, e.g. <c>reservation.override</c>, <c>maintenance.block</c>.</summary>
    public string Action { get; private set; } = "";

    /// <summary>What it was done to, e.g. <c>reservation:{id}</c>.</summary>
    public string Subject { get; private set; } = "";

    public string Details { get; private set; } = "";
}
