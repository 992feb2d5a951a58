using System.Security.Claims;
using Booking.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Booking.Web.Infrastructure;

/// <summary>
/// A sign-in does not outlive its account: a cookie or bearer token of an account that was closed (on this node or
/// another) is treated as signed out, so it can neither read nor write in a name that no longer exists. What is known
/// of a signed-in account (that it exists, its saved language) is read in one query and remembered per node for
/// <see cref="Remembered"/>, so a request does not pay a database round trip for it; the node that closes an account or
/// saves a language forgets the entry at once.
/// </summary>
public sealed class ClosedAccounts(RequestDelegate next, IMemoryCache cache)
{
    public static readonly TimeSpan Remembered = TimeSpan.FromSeconds(30);

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true && context.User.UserId() is var id && id != Guid.Empty)
        {
            var account = await cache.GetOrCreateAsync(Key(id), async entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = Remembered;
                var db = context.RequestServices.GetRequiredService<BookingDbContext>();
                var found = await db.Users.AsNoTracking().Where(u => u.Id == id)
                    .Select(u => new SignedInAccount(true, u.PreferredLanguage)).FirstOrDefaultAsync(context.RequestAborted);
                return found ?? SignedInAccount.Closed;
            }) ?? SignedInAccount.Closed;
            if (!account.Exists)
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
            else
            {
                context.Features.Set(account);
            }
        }

        await next(context);
    }

    /// <summary>Called where an account is closed: this node refuses its sign-ins from the next request on.</summary>
    public static void Closed(IMemoryCache cache, Guid accountId) => cache.Set(Key(accountId), SignedInAccount.Closed, Remembered);

    /// <summary>Called where an account's facts change (its language): this node reads them again on the next request.</summary>
    public static void Changed(IMemoryCache cache, Guid accountId) => cache.Remove(Key(accountId));

    private static string Key(Guid id) => $"signed-in-account:{id:N}";
}

/// <summary>What a request knows of its signed-in account, as <see cref="ClosedAccounts"/> last read it.</summary>
public sealed record SignedInAccount(bool Exists, string? PreferredLanguage)
{
    public static readonly SignedInAccount Closed = new(false, null);
}
