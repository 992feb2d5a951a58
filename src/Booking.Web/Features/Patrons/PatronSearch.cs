using Booking.Data;
using Booking.Data.Identity;
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

    /// <summary>Accounts whose e-mail or name holds <paramref name="text"/> (the desk's one search box).</summary>
    public static Task<List<PatronView>> ByEmailOrNameAsync(BookingDbContext db, string text, CancellationToken ct)
    {
        var t = text.Trim().ToUpperInvariant();
        return ListAsync(db.Users.AsNoTracking().Where(u => u.NormalizedEmail!.Contains(t) || u.DisplayName!.ToUpper().Contains(t)), ct);
    }

    private static Task<List<PatronView>> ListAsync(IQueryable<UserAccount> query, CancellationToken ct) =>
        query.OrderBy(u => u.Email).Take(Limit).Select(u => new PatronView(u.Id, u.Email, u.DisplayName)).ToListAsync(ct);
}
