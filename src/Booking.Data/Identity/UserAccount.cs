using Microsoft.AspNetCore.Identity;

namespace Booking.Data.Identity;

/// <summary>A person who signs in: patron, staff or admin (roles say which).</summary>
public sealed class UserAccount : IdentityUser<Guid>
{
    public string? DisplayName { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The library card, normalised by <see cref="Booking.Domain.Patrons.LibraryCard"/>; unique; set by staff.</summary>
    public string? LibraryCardNumber { get; set; }

    /// <summary>The language the person chose (<c>en</c>, <c>es</c>): pages and e-mail use it; null until they choose.</summary>
    public string? PreferredLanguage { get; set; }

    /// <summary>The partner organisation this account works for, with the <see cref="Roles.Partner"/> role; null for everyone else.</summary>
    public Guid? PartnerId { get; set; }
}
