using Booking.Data;
using Booking.Domain.Sessions;
using Booking.Jobs.Sweeps;
using Booking.Web.Features.Reservations;
using Booking.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Certifications;

/// <summary>The patron's certifications with their expiry in words, and those they still need, with the next trainings that grant them.</summary>
[Authorize]
public sealed class MineModel(BookingDbContext db, TimeProvider clock, IStringLocalizer<MineModel> words) : PageModel
{
    public sealed record Held(string Name, DateTime GrantedAtUtc, DateTime? ExpiresAtUtc, string Status, IReadOnlyList<string> Unlocks);

    public sealed record Training(Guid SessionId, string Title, DateTimeOffset Start);

    public sealed record Needed(string Name, string Description, IReadOnlyList<string> RequiredBy, IReadOnlyList<Training> NextTrainings);

    public IReadOnlyList<Held> Certifications { get; private set; } = [];

    public IReadOnlyList<Needed> Lacking { get; private set; } = [];

    /// <summary>Grant and expiry dates in the library's zone, as the expiry e-mails give them; never UTC.</summary>
    public LibraryTime Times { get; private set; } = new("UTC");

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = User.UserId();
        var now = clock.GetUtcNow().UtcDateTime;
        var times = Times = await LibraryTime.ReadAsync(db, ct);
        var grants = await (
            from g in db.CertificationGrants.AsNoTracking()
            join c in db.Certifications.AsNoTracking() on g.CertificationId equals c.Id
            where g.PatronId == me
            select new { Grant = g, c.Name }).ToListAsync(ct);
        // Few resources need certifications: one query for all of them, grouped here.
        var gated = await db.Resources.AsNoTracking().Where(r => r.RequiredCertificationIds.Length > 0)
            .OrderBy(r => r.Name).Select(r => new { r.Name, r.RequiredCertificationIds }).ToListAsync(ct);
        var requiredBy = gated.SelectMany(r => r.RequiredCertificationIds.Select(c => (Certification: c, Resource: r.Name)))
            .GroupBy(x => x.Certification).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(x => x.Resource).ToList());

        // One line per certification: the grant that counts now, else the latest one.
        Certifications = grants
            .GroupBy(g => g.Grant.CertificationId)
            .Select(g => g.OrderByDescending(x => x.Grant.IsValidAt(now)).ThenByDescending(x => x.Grant.GrantedAtUtc).First())
            .OrderBy(x => x.Name)
            .Select(x => new Held(x.Name, x.Grant.GrantedAtUtc, x.Grant.ExpiresAtUtc, StatusOf(x.Grant, now, times), requiredBy.GetValueOrDefault(x.Grant.CertificationId) ?? []))
            .ToList();

        var valid = grants.Where(g => g.Grant.IsValidAt(now)).Select(g => g.Grant.CertificationId).ToHashSet();
        var lackingIds = requiredBy.Keys.Where(id => !valid.Contains(id)).ToList();
        var definitions = await db.Certifications.AsNoTracking().Where(c => lackingIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Name, c.Description }).ToListAsync(ct);
        var trainings = await (
            from s in db.Sessions.AsNoTracking()
            join l in db.Locations.AsNoTracking() on s.LocationId equals l.Id
            where s.Kind == SessionKind.Training && s.CertificationId != null && lackingIds.Contains(s.CertificationId.Value)
                && s.StartsAtUtc > now && s.CancelledAtUtc == null
            orderby s.StartsAtUtc
            select new { s.Id, s.Title, s.StartsAtUtc, CertificationId = s.CertificationId!.Value, l.TimeZoneId }).Take(200).ToListAsync(ct);
        Lacking = definitions.OrderBy(d => d.Name).Select(d => new Needed(
            d.Name, d.Description, requiredBy[d.Id],
            trainings.Where(t => t.CertificationId == d.Id).Take(3)
                .Select(t => new Training(t.Id, t.Title, ReservationQueries.Local(t.StartsAtUtc, TimeZoneInfo.FindSystemTimeZoneById(t.TimeZoneId)))).ToList()))
            .ToList();
    }

    /// <summary>The state in words, never by colour alone; "expires soon" matches when the expiry e-mail goes out.</summary>
    private string StatusOf(Domain.Certifications.CertificationGrant grant, DateTime now, LibraryTime times)
    {
        if (grant.RevokedAtUtc is { } revoked)
        {
            return string.IsNullOrWhiteSpace(grant.RevocationReason)
                ? words["Revoked on {0}.", times.Day(revoked)].Value
                : words["Revoked on {0}: {1}", times.Day(revoked), grant.RevocationReason].Value;
        }

        return grant.ExpiresAtUtc switch
        {
            null => words["Valid, does not expire."].Value,
            { } e when e <= now => words["Expired on {0}. Take the training again to renew it.", times.Day(e)].Value,
            { } e when e - now <= CertificationExpirySweep.WarnBefore => words["Expires soon: valid until {0}.", times.Day(e)].Value,
            { } e => words["Valid until {0}.", times.Day(e)].Value,
        };
    }
}
