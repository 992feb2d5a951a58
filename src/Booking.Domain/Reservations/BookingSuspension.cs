using Booking.Domain.Common;

namespace Booking.Domain.Reservations;

/// <summary>
/// A patron may not book resources of one kind for a while, after too many no-shows of that kind.
/// Staff can lift it early.
/// </summary>
public sealed class BookingSuspension
{
    private BookingSuspension()
    {
    }

    public BookingSuspension(Guid patronId, string kindCode, DateTime startsAtUtc, DateTime endsAtUtc, string reason)
    {
        if (endsAtUtc <= startsAtUtc)
        {
            throw new DomainException(ErrorCodes.Validation, "A suspension must end after it starts.");
        }

        Id = Guid.NewGuid();
        PatronId = patronId;
        KindCode = kindCode;
        StartsAtUtc = startsAtUtc;
        EndsAtUtc = endsAtUtc;
        Reason = reason;
    }

    public Guid Id { get; private set; }

    public Guid PatronId { get; private set; }

    public string KindCode { get; private set; } = "";

    public DateTime StartsAtUtc { get; private set; }

    public DateTime EndsAtUtc { get; private set; }

    public string Reason { get; private set; } = "";

    public DateTime? LiftedAtUtc { get; private set; }

    public Guid? LiftedById { get; private set; }

    public bool IsInForce(DateTime nowUtc) => LiftedAtUtc is null && StartsAtUtc <= nowUtc && nowUtc < EndsAtUtc;

    public void Lift(Guid staffId, DateTime nowUtc)
    {
        if (!IsInForce(nowUtc))
        {
            throw new DomainException(ErrorCodes.InvalidState, "This suspension is not in force: it ended or was lifted already.");
        }

        LiftedAtUtc = nowUtc;
        LiftedById = staffId;
    }
}
