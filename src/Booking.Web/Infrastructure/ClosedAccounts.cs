using System.Security.Claims;
using Booking.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Booking.Web.Infrastructure;

/// <summary>
/// A sign-in does not outlive its account: a cookie or bearer token of an account that was closed (on this node or
/// another) is treated as signed out, so it can neither read nor write in a name that no longer exists. Whether an
/// account exists is remembered per node for <see cref="Remembered"/>; the node that closes an account forgets it at once.
/// </summary>
public sealed class ClosedAccounts(RequestDelegate next, IMemoryCache cache)
{
    public static readonly TimeSpan Remembered = TimeSpan.FromSeconds(30);

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true && context.User.UserId() is var id && id != Guid.Empty)
        {
            var exists = await cache.GetOrCreateAsync(Key(id), async entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = Remembered;
                var db = context.RequestServices.GetRequiredService<BookingDbContext>();
                return await db.Users.AsNoTracking().AnyAsync(u => u.Id == id, context.RequestAborted);
            });
            if (!exists)
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
        }

        await next(context);
    }

    /// <summary>Called where an account is closed: this node refuses its sign-ins from the next request on.</summary>
    public static void Closed(IMemoryCache cache, Guid accountId) => cache.Set(Key(accountId), false, Remembered);

    private static string Key(Guid id) => $"account-exists:{id:N}";
}
