using Booking.Domain.Common;

namespace Booking.Domain.Partners;

/// <summary>Where a partner's request to take a patron on as a client stands.</summary>
public enum PartnerClientRequestStatus
{
    Pending,
    Agreed,
    Declined,

    /// <summary>The patron agreed, then stopped being the partner's client.</summary>
    Stopped,
}

/// <summary>
/// A partner organisation's request that an existing patron become its client (issue #20). Only the patron's own
/// agreement (or library staff recording it with the patron present) makes them a client. One row per partner and
/// patron: while it is open, or for <see cref="Lifetime"/> after it was answered or stopped, asking again changes nothing.
/// </summary>
public sealed class PartnerClientRequest
{
    /// <summary>How long a request stays open, and how long an answer holds before the partner may ask again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    /// <summary>How many times one partner's staff may ask in 24 hours, known addresses or not: enough for a busy desk, too few to spam.</summary>
    public const int AsksPerDay = 50;

    private PartnerClientRequest()
    {
    }

    public PartnerClientRequest(Guid partnerId, Guid patronId, Guid askedById, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        PartnerId = partnerId;
        PatronId = patronId;
        AskedById = askedById;
        CreatedAtUtc = nowUtc;
        Status = PartnerClientRequestStatus.Pending;
    }

    public Guid Id { get; private set; }

    public Guid PartnerId { get; private set; }

    public Guid PatronId { get; private set; }

    /// <summary>The partner staff member who asked last.</summary>
    public Guid AskedById { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public PartnerClientRequestStatus Status { get; private set; }

    public DateTime? AnsweredAtUtc { get; private set; }

    public DateTime ExpiresAtUtc => CreatedAtUtc + Lifetime;

    /// <summary>Waiting for the patron's answer and not expired.</summary>
    public bool IsOpenAt(DateTime nowUtc) => Status == PartnerClientRequestStatus.Pending && nowUtc < ExpiresAtUtc;

    /// <summary>
    /// Whether the partner may ask afresh: not while the request is open, nor for <see cref="Lifetime"/> after the patron
    /// answered or stopped (a "no" is not met with the same mail the next day), nor while the patron is its client.
    /// </summary>
    public bool MayAskAgainAt(DateTime nowUtc) => Status switch
    {
        PartnerClientRequestStatus.Pending => nowUtc >= ExpiresAtUtc,
        PartnerClientRequestStatus.Agreed => false,
        _ => nowUtc >= (AnsweredAtUtc ?? CreatedAtUtc) + Lifetime,
    };

    /// <summary>Starts the request again (a new 30 days) for an ask after the old one lapsed.</summary>
    public void Renew(Guid askedById, DateTime nowUtc)
    {
        AskedById = askedById;
        CreatedAtUtc = nowUtc;
        Status = PartnerClientRequestStatus.Pending;
        AnsweredAtUtc = null;
    }

    /// <summary>The patron (or staff for them, in person) says yes or no, once, while it is open; anything else is "not found".</summary>
    public void Answer(Guid patronId, bool agree, DateTime nowUtc)
    {
        if (patronId != PatronId || !IsOpenAt(nowUtc))
        {
            throw new DomainException(ErrorCodes.NotFound, NotFoundMessage);
        }

        Status = agree ? PartnerClientRequestStatus.Agreed : PartnerClientRequestStatus.Declined;
        AnsweredAtUtc = nowUtc;
    }

    /// <summary>The patron stopped being the partner's client.</summary>
    public void Stop(DateTime nowUtc)
    {
        Status = PartnerClientRequestStatus.Stopped;
        AnsweredAtUtc = nowUtc;
    }

    public const string NotFoundMessage = "No open request from a partner organisation with that id.";
}
