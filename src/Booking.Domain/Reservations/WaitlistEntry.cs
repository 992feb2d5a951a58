using Booking.Domain.Common;

namespace Booking.Domain.Reservations;

/// <summary>Where a patron stands on a waiting list.</summary>
public enum WaitlistStatus
{
    Waiting,
    Offered,
    Accepted,
    Lapsed,
    Withdrawn,
}

/// <summary>A patron waiting for a taken slot; when it frees, the first one still eligible gets an offer.</summary>
public sealed class WaitlistEntry
{
    private WaitlistEntry()
    {
    }

    public WaitlistEntry(Guid resourceId, Guid patronId, UtcInterval interval, DateTime nowUtc)
    {
        if (interval.IsEmpty)
        {
            throw new DomainException(ErrorCodes.Validation, "The end must be after the start.");
        }

        Id = Guid.NewGuid();
        ResourceId = resourceId;
        PatronId = patronId;
        StartsAtUtc = interval.Start;
        EndsAtUtc = interval.End;
        JoinedAtUtc = nowUtc;
        Status = WaitlistStatus.Waiting;
    }

    public Guid Id { get; private set; }

    public Guid ResourceId { get; private set; }

    public Guid PatronId { get; private set; }

    public DateTime StartsAtUtc { get; private set; }

    public DateTime EndsAtUtc { get; private set; }

    public DateTime JoinedAtUtc { get; private set; }

    /// <summary>The line's order on this resource: first come, first offered (ties of the clock broken by arrival).</summary>
    public long LineNumber { get; private set; }

    public WaitlistStatus Status { get; private set; }

    public Guid? OfferedReservationId { get; private set; }

    public DateTime? OfferedAtUtc { get; private set; }

    public UtcInterval Interval => new(StartsAtUtc, EndsAtUtc);

    /// <summary>Cuts the entry from its patron for good: it names the stand-in account; what was wanted and when stays.</summary>
    public void Anonymise(Guid standInId) => PatronId = standInId;

    /// <summary>Takes the next number in the resource's line; the caller holds the resource's lock.</summary>
    public void PlaceInLine(long lineNumber) => LineNumber = lineNumber;

    public void Offered(Guid reservationId, DateTime nowUtc)
    {
        if (Status != WaitlistStatus.Waiting)
        {
            throw new DomainException(ErrorCodes.InvalidState, "Only someone still waiting can get an offer.");
        }

        Status = WaitlistStatus.Offered;
        OfferedReservationId = reservationId;
        OfferedAtUtc = nowUtc;
    }

    public void Accepted()
    {
        if (Status != WaitlistStatus.Offered)
        {
            throw new DomainException(new BookingRefusal(ErrorCodes.InvalidState, RefusalReasons.NoWaitlistOffer));
        }

        Status = WaitlistStatus.Accepted;
    }

    public void Lapsed()
    {
        if (Status == WaitlistStatus.Offered)
        {
            Status = WaitlistStatus.Lapsed;
        }
    }

    public void Withdraw()
    {
        if (Status is not (WaitlistStatus.Waiting or WaitlistStatus.Offered))
        {
            throw new DomainException(new BookingRefusal(ErrorCodes.InvalidState, RefusalReasons.NoLongerWaiting));
        }

        Status = WaitlistStatus.Withdrawn;
    }
}
