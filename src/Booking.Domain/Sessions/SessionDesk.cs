namespace Booking.Domain.Sessions;

/// <summary>
/// One coworking desk a networking session holds for its attendees: in the session's pool (a staff hold), claimed by
/// an attendee (their own reservation), or released to public booking. Changed only through <see cref="Session"/>.
/// </summary>
public sealed class SessionDesk
{
    private SessionDesk()
    {
    }

    internal SessionDesk(Guid sessionId, Guid resourceId, int position, Guid holdReservationId)
    {
        Id = Guid.NewGuid();
        SessionId = sessionId;
        ResourceId = resourceId;
        Position = position;
        ReservationId = holdReservationId;
    }

    public Guid Id { get; private set; }

    public Guid SessionId { get; private set; }

    /// <summary>The coworking desk (a resource).</summary>
    public Guid ResourceId { get; private set; }

    /// <summary>Order of the desks as held (by name): "the first free desk" is the lowest.</summary>
    public int Position { get; private set; }

    /// <summary>The reservation holding the desk now: the session's hold while in the pool, the attendee's once claimed.</summary>
    public Guid ReservationId { get; private set; }

    /// <summary>The registration whose attendee claimed the desk; null while it is in the pool.</summary>
    public Guid? RegistrationId { get; private set; }

    /// <summary>When it went back to public booking, unclaimed; it is no longer the session's.</summary>
    public DateTime? ReleasedAtUtc { get; private set; }

    /// <summary>In the session's pool: neither claimed nor released.</summary>
    public bool IsFree => RegistrationId is null && ReleasedAtUtc is null;

    internal void ClaimFor(Guid registrationId, Guid reservationId)
    {
        RegistrationId = registrationId;
        ReservationId = reservationId;
    }

    internal void HoldAgain(Guid holdReservationId)
    {
        RegistrationId = null;
        ReservationId = holdReservationId;
    }

    internal void Release(DateTime nowUtc) => ReleasedAtUtc = nowUtc;
}
