using Booking.Domain.Common;

namespace Booking.Domain.Networking;

/// <summary>Where a request to connect stands.</summary>
public enum ConnectionStatus
{
    Pending,
    Accepted,
    Declined,
}

/// <summary>
/// One attendee's ask to connect with another after a networking session. One per pair and session, whichever of the
/// two asked (<see cref="FirstPatronId"/> and <see cref="SecondPatronId"/> are the pair in order, for the unique key).
/// Only when the other accepts are contact details sent, to both.
/// </summary>
public sealed class ConnectionRequest
{
    private ConnectionRequest()
    {
    }

    public ConnectionRequest(Guid sessionId, Guid fromPatronId, Guid toPatronId, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        SessionId = sessionId;
        FromPatronId = fromPatronId;
        ToPatronId = toPatronId;
        FirstPatronId = fromPatronId.CompareTo(toPatronId) < 0 ? fromPatronId : toPatronId;
        SecondPatronId = fromPatronId.CompareTo(toPatronId) < 0 ? toPatronId : fromPatronId;
        Status = ConnectionStatus.Pending;
        CreatedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }

    public Guid SessionId { get; private set; }

    public Guid FromPatronId { get; private set; }

    public Guid ToPatronId { get; private set; }

    public Guid FirstPatronId { get; private set; }

    public Guid SecondPatronId { get; private set; }

    public ConnectionStatus Status { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? AnsweredAtUtc { get; private set; }

    /// <summary>The asked patron says yes or no, once.</summary>
    public void Answer(Guid patronId, bool accept, DateTime nowUtc)
    {
        if (patronId != ToPatronId)
        {
            throw new DomainException(ErrorCodes.NotFound, "No request to connect with that id (or it is not yours).");
        }

        if (Status != ConnectionStatus.Pending)
        {
            throw new DomainException(ErrorCodes.InvalidState, "This request is already answered.");
        }

        Status = accept ? ConnectionStatus.Accepted : ConnectionStatus.Declined;
        AnsweredAtUtc = nowUtc;
    }
}
