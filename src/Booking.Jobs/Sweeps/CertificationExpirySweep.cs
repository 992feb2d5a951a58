using Booking.Data;
using Booking.Workflows.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Booking.Jobs.Sweeps;

/// <summary>
/// Tells patrons 14 days before a certification expires, and once it has expired, so they can book a
/// refresher before the tools lock them out. Each notice is claimed by a conditional update of its
/// stamp on the grant, so retries and several nodes send it once. A grant already renewed by a later
/// one gets its stamps and no notice.
/// </summary>
public sealed class CertificationExpirySweep(BookingDbContext db, TimeProvider clock, ILogger<CertificationExpirySweep> logger) : ISweep
{
    public static readonly TimeSpan WarnBefore = TimeSpan.FromDays(14);

    /// <summary>Expiries older than this are history, not news: stamped without a notice.</summary>
    public static readonly TimeSpan ExpiredNewsFor = TimeSpan.FromDays(7);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var warnUntil = now + WarnBefore;
        var due = await (
            from g in db.CertificationGrants.AsNoTracking()
            join c in db.Certifications.AsNoTracking() on g.CertificationId equals c.Id
            where g.RevokedAtUtc == null && g.ExpiresAtUtc != null
                && ((g.ExpiryWarningQueuedAtUtc == null && g.ExpiresAtUtc > now && g.ExpiresAtUtc <= warnUntil)
                    || (g.ExpiredNoticeQueuedAtUtc == null && g.ExpiresAtUtc <= now))
            select new { g.Id, g.PatronId, g.CertificationId, ExpiresAtUtc = g.ExpiresAtUtc!.Value, c.Name })
            .ToListAsync(ct);

        var told = 0;
        foreach (var grant in due)
        {
            var expired = grant.ExpiresAtUtc <= now;
            var claimed = expired
                ? await db.CertificationGrants.Where(g => g.Id == grant.Id && g.ExpiredNoticeQueuedAtUtc == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(g => g.ExpiredNoticeQueuedAtUtc, now).SetProperty(g => g.ExpiryWarningQueuedAtUtc, g => g.ExpiryWarningQueuedAtUtc ?? now), ct)
                : await db.CertificationGrants.Where(g => g.Id == grant.Id && g.ExpiryWarningQueuedAtUtc == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(g => g.ExpiryWarningQueuedAtUtc, now), ct);
            if (claimed == 0)
            {
                continue; // another run got there first
            }

            var renewed = await db.CertificationGrants.AnyAsync(g => g.PatronId == grant.PatronId && g.CertificationId == grant.CertificationId
                && g.Id != grant.Id && g.RevokedAtUtc == null && (g.ExpiresAtUtc == null || g.ExpiresAtUtc > grant.ExpiresAtUtc), ct);
            if (renewed || (expired && now - grant.ExpiresAtUtc > ExpiredNewsFor))
            {
                continue;
            }

            db.Notifications.Add(expired
                ? Notices.CertificationExpired(grant.PatronId, grant.Name, grant.ExpiresAtUtc, now)
                : Notices.CertificationExpiring(grant.PatronId, grant.Name, grant.ExpiresAtUtc, now));
            await db.SaveChangesAsync(ct);
            told++;
            logger.LogInformation("Certification grant {GrantId}: {Notice} notice queued", grant.Id, expired ? "expired" : "expiring");
        }

        return told;
    }
}
