namespace Booking.Domain.Reports;

/// <summary>
/// How many booking attempts were refused at a branch on one local day, for one kind and one refusal code.
/// Anonymous by design: no patron, no resource, no time of day, so it holds nothing personal and outlives the
/// privacy retention that anonymises reservations; reports and the demand view read demand from it.
/// </summary>
public sealed class RefusalCount
{
    private RefusalCount()
    {
    }

    public RefusalCount(DateOnly day, Guid locationId, string kindCode, string code, int count)
    {
        Day = day;
        LocationId = locationId;
        KindCode = kindCode;
        Code = code;
        Count = count;
    }

    /// <summary>The day the attempt was made, in the branch's own time zone.</summary>
    public DateOnly Day { get; private set; }

    public Guid LocationId { get; private set; }

    public string KindCode { get; private set; } = "";

    /// <summary>The refusal's stable code (<c>slot-taken</c>, <c>certification-required</c>, ...).</summary>
    public string Code { get; private set; } = "";

    public int Count { get; private set; }
}
