namespace Booking.Domain.Sessions;

/// <summary>Where a patron stands for a session.</summary>
public enum RegistrationStatus
{
    Registered,
    Waitlisted,
    Cancelled,
    Attended,
    Passed,
    NoShow,
}

/// <summary>A patron's place (or place in line) at a session; changed only through <see cref="Session"/>.</summary>
public sealed class SessionRegistration
{
    private SessionRegistration()
    {
    }

    internal SessionRegistration(Guid sessionId, Guid patronId, RegistrationStatus status, int lineNumber, bool onPartnerSeat, DateTime nowUtc)
    {
        OnPartnerSeat = onPartnerSeat;
        Id = Guid.NewGuid();
        SessionId = sessionId;
        PatronId = patronId;
        Status = status;
        LineNumber = lineNumber;
        RegisteredAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }

    public Guid SessionId { get; private set; }

    public Guid PatronId { get; private set; }

    public RegistrationStatus Status { get; private set; }

    /// <summary>Arrival order within the session: the waitlist is promoted in this order.</summary>
    public int LineNumber { get; private set; }

    public DateTime RegisteredAtUtc { get; private set; }

    /// <summary>Holds one of the seats set aside for a partner (its staff registered their client there).</summary>
    public bool OnPartnerSeat { get; private set; }

    public DateTime? PromotedAtUtc { get; private set; }

    public DateTime? CancelledAtUtc { get; private set; }

    public DateTime? AttendanceMarkedAtUtc { get; private set; }

    public Guid? AttendanceMarkedById { get; private set; }

    /// <summary>Registered, attended or passed: holds one of the session's places.</summary>
    public bool HoldsPlace => Status is RegistrationStatus.Registered or RegistrationStatus.Attended or RegistrationStatus.Passed;

    /// <summary>Not cancelled: the patron is in the session or its line.</summary>
    public bool IsActive => Status != RegistrationStatus.Cancelled;

    /// <summary>
    /// Cuts the registration from its patron for good: a fresh random patron id that no account has (not the shared
    /// stand-in, since a session holds each patron once); attendance stays.
    /// </summary>
    public void Anonymise() => PatronId = Guid.NewGuid();

    internal void Rejoin(RegistrationStatus status, int lineNumber, bool onPartnerSeat, DateTime nowUtc)
    {
        OnPartnerSeat = onPartnerSeat;
        Status = status;
        LineNumber = lineNumber;
        RegisteredAtUtc = nowUtc;
        PromotedAtUtc = null;
        CancelledAtUtc = null;
    }

    internal void Promote(DateTime nowUtc)
    {
        Status = RegistrationStatus.Registered;
        PromotedAtUtc = nowUtc;
    }

    internal void Cancel(DateTime nowUtc)
    {
        Status = RegistrationStatus.Cancelled;
        CancelledAtUtc = nowUtc;
    }

    internal void Mark(RegistrationStatus status, Guid staffId, DateTime nowUtc)
    {
        Status = status;
        AttendanceMarkedById = staffId;
        AttendanceMarkedAtUtc = nowUtc;
    }
}
