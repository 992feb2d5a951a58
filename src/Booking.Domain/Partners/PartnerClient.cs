namespace Booking.Domain.Partners;

/// <summary>
/// A patron a partner organisation serves: one its staff created (a person without e-mail, say) or one who agreed.
/// Partner staff see and book for their own clients only.
/// </summary>
public sealed class PartnerClient
{
    private PartnerClient()
    {
    }

    public PartnerClient(Guid partnerId, Guid patronId, Guid addedById, DateTime nowUtc)
    {
        PartnerId = partnerId;
        PatronId = patronId;
        AddedById = addedById;
        AddedAtUtc = nowUtc;
    }

    public Guid PartnerId { get; private set; }

    public Guid PatronId { get; private set; }

    /// <summary>Who made the patron a client: partner staff, or library staff after the patron agreed.</summary>
    public Guid AddedById { get; private set; }

    public DateTime AddedAtUtc { get; private set; }
}
