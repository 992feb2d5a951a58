using Booking.Data;
using Booking.Data.Identity;
using Booking.Domain.Patrons;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Patrons;

/// <summary>An account as a search finds it.</summary>
public sealed record PatronView(Guid Id, string? Email, string? DisplayName);

/// <summary>Finds accounts by part of an e-mail or a name: the staff API and the desk's search use the same queries.</summary>
public static class PatronSearch
{
    /// <summary>A search answers a person at the desk, not a data export.</summary>
    public const int Limit = 50;

    /// <summary>Accounts matching every part given (the API's <c>?email=&amp;name=</c>).</summary>
    public static Task<List<PatronView>> ByEmailAndNameAsync(BookingDbContext db, string? email, string? name, CancellationToken ct)
    {
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(email))
        {
            var e = email.Trim().ToUpperInvariant();
            query = query.Where(u => u.NormalizedEmail!.Contains(e));
        }

        if (!string.IsNullOrWhiteSpace(name))
        {
            var n = name.Trim().ToUpperInvariant();
            query = query.Where(u => u.DisplayName!.ToUpper().Contains(n));
        }

        return ListAsync(query, ct);
    }

    /// <summary>
    /// Accounts whose e-mail or name holds <paramref name="text"/>, or whose library card is exactly it (the desk's one
    /// search box; a card is matched whole, so part of a number finds nobody by it).
    /// </summary>
    public static Task<List<PatronView>> ByEmailOrNameAsync(BookingDbContext db, string text, CancellationToken ct)
    {
        var t = text.Trim().ToUpperInvariant();
        var card = LibraryCard.Normalise(text);
        return ListAsync(db.Users.AsNoTracking().Where(u => u.NormalizedEmail!.Contains(t) || u.DisplayName!.ToUpper().Contains(t) || (card != null && u.LibraryCardNumber == card)), ct);
    }

    /// <summary>The account with this library card (the API's <c>?card=</c>), typed as staff would: spaces around it and case do not matter.</summary>
    public static Task<List<PatronView>> ByCardAsync(BookingDbContext db, string card, CancellationToken ct) =>
        LibraryCard.Normalise(card) is { } number
            ? ListAsync(db.Users.AsNoTracking().Where(u => u.LibraryCardNumber == number), ct)
            : Task.FromResult(new List<PatronView>());

    /// <summary>
    /// The account staff named in a booking form: an e-mail address (with an @), else a whole library card number, so
    /// patrons without e-mail are booked for like anyone else. Null when nobody has it.
    /// </summary>
    public static async Task<Guid?> IdByEmailOrCardAsync(BookingDbContext db, string typed, CancellationToken ct)
    {
        var text = typed.Trim();
        if (text.Contains('@'))
        {
            var email = text.ToUpperInvariant();
            return await db.Users.Where(u => u.NormalizedEmail == email).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        }

        return LibraryCard.Normalise(text) is { } card
            ? await db.Users.Where(u => u.LibraryCardNumber == card).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct)
            : null;
    }

    private static Task<List<PatronView>> ListAsync(IQueryable<UserAccount> query, CancellationToken ct) =>
        query.OrderBy(u => u.Email).ThenBy(u => u.DisplayName).Take(Limit).Select(u => new PatronView(u.Id, u.Email, u.DisplayName)).ToListAsync(ct);
}
