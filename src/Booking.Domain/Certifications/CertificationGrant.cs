using Booking.Domain.Common;

namespace Booking.Domain.Certifications;

/// <summary>
/// A patron's certification: who granted it, when it expires, and its revocation. A grant is valid
/// from its grant until its expiry (exclusive) unless revoked; a patron holds at most one valid grant
/// of a certification at a time (a training passed again extends it).
/// </summary>
public sealed class CertificationGrant
{
    private CertificationGrant()
    {
    }

    public Guid Id { get; private set; }

    public Guid PatronId { get; private set; }

    public Guid CertificationId { get; private set; }

    public Guid GrantedById { get; private set; }

    public DateTime GrantedAtUtc { get; private set; }

    /// <summary>Null when the certification does not expire.</summary>
    public DateTime? ExpiresAtUtc { get; private set; }

    /// <summary>The training session the grant came from, if any.</summary>
    public Guid? SessionId { get; private set; }

    public DateTime? RevokedAtUtc { get; private set; }

    public Guid? RevokedById { get; private set; }

    public string? RevocationReason { get; private set; }

    /// <summary>Cuts the grant from its patron for good (a closed account): it names the stand-in account; counts stay.</summary>
    public void Anonymise(Guid standInId)
    {
        PatronId = standInId;
        RevocationReason = null;
    }

    public bool IsRevoked => RevokedAtUtc is not null;

    /// <summary>When the "expires soon" notice was queued; set once, by a conditional update, so it goes out once.</summary>
    public DateTime? ExpiryWarningQueuedAtUtc { get; private set; }

    /// <summary>When the "has expired" notice was queued; set once, like the warning.</summary>
    public DateTime? ExpiredNoticeQueuedAtUtc { get; private set; }

    /// <summary>
    /// Grants <paramref name="definition"/> to a patron. Refused when the expiry is not in the future,
    /// when the patron already holds a valid grant of it, or lacks one of its prerequisites.
    /// <paramref name="patronGrants"/> are the patron's grants (any certification, any state).
    /// </summary>
    public static CertificationGrant Grant(
        CertificationDefinition definition, Guid patronId, Guid grantedById, DateTime? expiresAtUtc,
        IReadOnlyCollection<CertificationGrant> patronGrants, DateTime nowUtc, Guid? sessionId = null)
    {
        var expires = expiresAtUtc ?? definition.ExpiryFor(nowUtc);
        if (expires is { } e && e <= nowUtc)
        {
            throw new DomainException(ErrorCodes.Validation, "The expiry must be in the future.");
        }

        if (patronGrants.FirstOrDefault(g => g.CertificationId == definition.Id && g.IsValidAt(nowUtc)) is { } held)
        {
            var until = held.ExpiresAtUtc is { } x ? $" until {x:yyyy-MM-dd}" : "";
            throw new DomainException(ErrorCodes.Conflict, "The patron already holds {0}{1}. Revoke that grant first to grant it anew.", definition.Name, until);
        }

        var missing = MissingPrerequisites(definition, patronGrants, nowUtc);
        if (missing.Count > 0)
        {
            throw new DomainException(ErrorCodes.PrerequisiteMissing,
                "{0} needs the patron to hold a valid certification first; missing prerequisite id(s): {1}.", definition.Name, string.Join(", ", missing));
        }

        return new CertificationGrant
        {
            Id = Guid.NewGuid(),
            PatronId = patronId,
            CertificationId = definition.Id,
            GrantedById = grantedById,
            GrantedAtUtc = nowUtc,
            ExpiresAtUtc = expires,
            SessionId = sessionId,
        };
    }

    /// <summary>The prerequisites of <paramref name="definition"/> the patron does not hold a valid grant of now.</summary>
    public static IReadOnlyList<Guid> MissingPrerequisites(CertificationDefinition definition, IEnumerable<CertificationGrant> patronGrants, DateTime nowUtc)
    {
        var valid = patronGrants.Where(g => g.IsValidAt(nowUtc)).Select(g => g.CertificationId).ToHashSet();
        return definition.PrerequisiteIds.Where(p => !valid.Contains(p)).ToList();
    }

    /// <summary>Valid at an instant: not revoked, and the instant is before the expiry.</summary>
    public bool IsValidAt(DateTime utc) => !IsRevoked && GrantedAtUtc <= utc && (ExpiresAtUtc is null || utc < ExpiresAtUtc);

    /// <summary>Valid for every moment before <paramref name="endUtc"/> from now on: an expiry exactly at the end is enough.</summary>
    public bool CoversThrough(DateTime endUtc) => !IsRevoked && (ExpiresAtUtc is null || endUtc <= ExpiresAtUtc);

    /// <summary>A training passed again: the grant now lasts until the later expiry.</summary>
    public bool ExtendTo(DateTime? expiresAtUtc)
    {
        if (IsRevoked)
        {
            throw new DomainException(ErrorCodes.InvalidState, "A revoked certification cannot be extended; grant it anew.");
        }

        if (ExpiresAtUtc is null || (expiresAtUtc is { } later && later <= ExpiresAtUtc))
        {
            return false;
        }

        ExpiresAtUtc = expiresAtUtc;

        // A new expiry deserves its own notices.
        ExpiryWarningQueuedAtUtc = null;
        ExpiredNoticeQueuedAtUtc = null;
        return true;
    }

    public void Revoke(Guid byId, string? reason, DateTime nowUtc)
    {
        if (IsRevoked)
        {
            throw new DomainException(ErrorCodes.InvalidState, "This certification was already revoked on {0:yyyy-MM-dd}.", RevokedAtUtc);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException(ErrorCodes.Validation, "Give a reason for the revocation; the patron is told.");
        }

        RevokedAtUtc = nowUtc;
        RevokedById = byId;
        RevocationReason = reason.Trim();
    }
}
