using Booking.Data;
using Booking.Domain.Calendar;
using Booking.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Booking.Web.Features.Calendar;

/// <summary>A patron's private feed token: the current one (made on first use) and rotation, for the API and the pages alike.</summary>
public sealed class CalendarFeeds(BookingDbContext db, TimeProvider clock, PublicAddress address)
{
    public Task<CalendarFeed?> FindAsync(Guid patronId, CancellationToken ct) =>
        db.CalendarFeeds.AsNoTracking().FirstOrDefaultAsync(f => f.PatronId == patronId && f.RevokedAtUtc == null, ct);

    public async Task<CalendarFeed> CurrentAsync(Guid patronId, CancellationToken ct)
    {
        var feed = await FindAsync(patronId, ct);
        if (feed is null)
        {
            feed = new CalendarFeed(patronId, clock.GetUtcNow().UtcDateTime);
            db.CalendarFeeds.Add(feed);
            await db.SaveChangesAsync(ct);
        }

        return feed;
    }

    /// <summary>Revokes every address the patron has and issues a new one: whoever had the old one loses access.</summary>
    public async Task<CalendarFeed> RotateAsync(Guid patronId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var old in await db.CalendarFeeds.Where(f => f.PatronId == patronId && f.RevokedAtUtc == null).ToListAsync(ct))
        {
            old.Revoke(now);
        }

        var feed = new CalendarFeed(patronId, now);
        db.CalendarFeeds.Add(feed);
        await db.SaveChangesAsync(ct);
        return feed;
    }

    public string Url(CalendarFeed feed, HttpRequest request) => address.Link(request, $"/calendar/patrons/{feed.Token}.ics");
}
