using Microsoft.EntityFrameworkCore;

namespace Booking.Data.Identity;

/// <summary>
/// The stand-in account that anonymised reservations, waiting-list entries and certification grants name once their
/// patron is forgotten (their rows keep a patron because the schema requires one). It has no e-mail address and no
/// password, and is locked out: nobody can sign in as it.
/// </summary>
public static class AnonymisedPatron
{
    public static readonly Guid Id = new("00000000-0000-0000-0000-00000000a0a0");

    public const string UserName = "anonymised-patron";

    /// <summary>Makes sure the account exists (first use of privacy retention or of closing an account); race-safe.</summary>
    public static async Task<Guid> EnsureAsync(BookingDbContext db, CancellationToken ct)
    {
        if (await db.Users.AnyAsync(u => u.Id == Id, ct))
        {
            return Id;
        }

        db.Users.Add(new UserAccount
        {
            Id = Id,
            UserName = UserName,
            NormalizedUserName = UserName.ToUpperInvariant(),
            DisplayName = "Anonymised patron",
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString("N"),
            LockoutEnabled = true,
            LockoutEnd = DateTimeOffset.MaxValue,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Another node or run made it first.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        return Id;
    }
}
