using System.Security.Cryptography;

namespace Booking.Domain.Calendar;

/// <summary>A patron's private calendar feed: whoever holds the token can read the patron's reservations, until it is revoked.</summary>
public sealed class CalendarFeed
{
    private CalendarFeed()
    {
    }

    public CalendarFeed(Guid patronId, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        PatronId = patronId;
        Token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        CreatedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }

    public Guid PatronId { get; private set; }

    /// <summary>48 hex characters from a cryptographic random source.</summary>
    public string Token { get; private set; } = "";

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? RevokedAtUtc { get; private set; }

    public bool IsActive => RevokedAtUtc is null;

    public void Revoke(DateTime nowUtc) => RevokedAtUtc ??= nowUtc;
}
