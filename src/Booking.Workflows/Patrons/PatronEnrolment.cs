using Booking.Data;
using Booking.Data.Identity;
using Booking.Domain.Audit;
using Booking.Domain.Common;
using Booking.Domain.Partners;
using Booking.Domain.Patrons;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Booking.Workflows.Patrons;

/// <summary>
/// Staff create a patron account for someone who may have no e-mail address (a library card identifies them). The
/// account has no password, so nobody signs in with it until its owner sets one through a confirmed address; staff
/// book on its behalf. The account, its patron role and the audit entry naming who vouched are one write, and the
/// card's unique index decides a race between two desks.
/// </summary>
public sealed class PatronEnrolment(BookingDbContext db, TimeProvider clock)
{
    public const string AuditAction = "patron.create";

    public const string CardTaken = "That library card number belongs to another account.";

    public const string EmailTaken = "That e-mail address belongs to another account.";

    /// <summary>Creates the account; a card or address another account has is a <see cref="ErrorCodes.Conflict"/>.</summary>
    public Task<UserAccount> CreateAsync(Guid staffId, NewPatron patron, CancellationToken ct) => CreateAsync(staffId, patron, null, ct);

    /// <summary>As above; with <paramref name="partnerId"/>, partner staff create the account as a client of their organisation, in the same write.</summary>
    public async Task<UserAccount> CreateAsync(Guid staffId, NewPatron patron, Guid? partnerId, CancellationToken ct)
    {
        if (await db.Users.AnyAsync(u => u.LibraryCardNumber == patron.CardNumber, ct))
        {
            throw new DomainException(ErrorCodes.Conflict, CardTaken);
        }

        var normalisedEmail = patron.Email?.ToUpperInvariant();
        if (normalisedEmail is not null && await db.Users.AnyAsync(u => u.NormalizedEmail == normalisedEmail, ct))
        {
            throw new DomainException(ErrorCodes.Conflict, EmailTaken);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var id = Guid.NewGuid();
        // Without an address the user name is an id nobody types: sign-in looks accounts up by address and this one has no password.
        var userName = patron.Email ?? $"card-patron-{id:N}";
        var account = new UserAccount
        {
            Id = id,
            UserName = userName,
            NormalizedUserName = userName.ToUpperInvariant(),
            Email = patron.Email,
            NormalizedEmail = normalisedEmail,
            // Staff saw the person and vouch for the address they gave: web sign-up's confirmation does not apply.
            EmailConfirmed = patron.Email is not null,
            DisplayName = patron.DisplayName,
            LibraryCardNumber = patron.CardNumber,
            CreatedAtUtc = now,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
            LockoutEnabled = true,
        };
        var patronRole = await db.Roles.Where(r => r.Name == Roles.Patron).Select(r => r.Id).FirstAsync(ct);
        db.Users.Add(account);
        db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = id, RoleId = patronRole });
        if (partnerId is { } partner)
        {
            db.PartnerClients.Add(new PartnerClient(partner, id, staffId, now));
        }

        db.AuditLog.Add(new AuditEntry(staffId, AuditAction, $"user:{id}",
            $"Created a patron account, vouched for in person, with library card {LibraryCard.Mask(patron.CardNumber)} and "
            + (patron.Email is null ? "no e-mail address." : "an e-mail address taken as confirmed."), now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Another desk created the same card (or address as user name) a moment ago: the unique index is the last word.
            db.ChangeTracker.Clear();
            throw new DomainException(ErrorCodes.Conflict, patron.Email is not null && !await db.Users.AnyAsync(u => u.LibraryCardNumber == patron.CardNumber, ct) ? EmailTaken : CardTaken);
        }

        return account;
    }
}
