namespace Booking.Domain.Networking;

/// <summary>
/// A patron's yes to showing their networking profile to the other attendees of one session. Off by default (no row);
/// withdrawing deletes the row. Its id is the handle other attendees use to ask to connect, so no account id is shown.
/// </summary>
public sealed class NetworkingConsent
{
    private NetworkingConsent()
    {
    }

    public NetworkingConsent(Guid sessionId, Guid patronId, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        SessionId = sessionId;
        PatronId = patronId;
        GivenAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }

    public Guid SessionId { get; private set; }

    public Guid PatronId { get; private set; }

    public DateTime GivenAtUtc { get; private set; }
}
