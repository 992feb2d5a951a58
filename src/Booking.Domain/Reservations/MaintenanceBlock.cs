using Booking.Domain.Common;

namespace Booking.Domain.Reservations;

/// <summary>Staff take a resource out for an interval; colliding reservations are cancelled with this reason.</summary>
public sealed class MaintenanceBlock
{
    private MaintenanceBlock()
    {
    }

    public MaintenanceBlock(Guid resourceId, UtcInterval interval, string reason, Guid createdById, DateTime nowUtc)
    {
        if (interval.IsEmpty)
        {
            throw new DomainException(ErrorCodes.Validation, "A maintenance block must end after it starts.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException(ErrorCodes.Validation, "Say why the resource is blocked; patrons whose bookings are cancelled are told.");
        }

        Id = Guid.NewGuid();
        ResourceId = resourceId;
        StartsAtUtc = interval.Start;
        EndsAtUtc = interval.End;
        Reason = reason.Trim();
        CreatedById = createdById;
        CreatedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }

    public Guid ResourceId { get; private set; }

    public DateTime StartsAtUtc { get; private set; }

    public DateTime EndsAtUtc { get; private set; }

    public string Reason { get; private set; } = "";

    public Guid CreatedById { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? LiftedAtUtc { get; private set; }

    public Guid? LiftedById { get; private set; }

    public UtcInterval Interval => new(StartsAtUtc, EndsAtUtc);

    public bool IsLifted => LiftedAtUtc is not null;

    public void Lift(Guid byId, DateTime nowUtc)
    {
        if (IsLifted)
        {
            throw new DomainException(ErrorCodes.InvalidState, "This maintenance block was already lifted.");
        }

        LiftedAtUtc = nowUtc;
        LiftedById = byId;
    }
}
