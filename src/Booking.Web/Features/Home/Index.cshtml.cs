using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Locations;
using Booking.Domain.Resources;
using Booking.Web.Features.Availability;
using Booking.Web.Features.Reservations;
using Booking.Web.Features.Resources;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Home;

/// <summary>The front page: "find a free space" (a GET form, <see cref="SpaceSearch"/>), every resource grouped by kind, and the next few sessions.</summary>
public sealed class IndexModel(BookingDbContext db, KindCatalogues catalogues, TimeProvider clock, IStringLocalizer<SpaceSearch> words) : PageModel
{
    public sealed record KindGroup(string Code, string Name, IReadOnlyList<ResourceView> Resources);

    public sealed record UpcomingSession(Guid Id, string Title, DateTimeOffset Start);

    public IReadOnlyList<KindGroup> Kinds { get; private set; } = [];

    public IReadOnlyList<UpcomingSession> Sessions { get; private set; } = [];

    /// <summary>The search as asked (query string); null until a search is made.</summary>
    public SpaceSearch? Search { get; private set; }

    public string? Kind { get; private set; }

    public string? Where { get; private set; }

    public string Date { get; private set; } = "";

    public string Time { get; private set; } = "";

    public string Duration { get; private set; } = "";

    public IReadOnlyList<ResourceKind> AllKinds { get; private set; } = [];

    public IReadOnlyList<Location> Locations { get; private set; } = [];

    public IReadOnlyList<(string Value, string Label)> Durations { get; private set; } = [];

    public async Task OnGetAsync(string? kind, string? where, string? date, string? time, string? duration, CancellationToken ct)
    {
        AllKinds = await db.ResourceKinds.AsNoTracking().OrderBy(k => k.Name).ToListAsync(ct);
        Locations = await db.Locations.AsNoTracking().OrderBy(l => l.Name).ToListAsync(ct);
        var asked = kind is not null || date is not null;
        Kind = kind;
        Where = where;
        var chosen = AllKinds.FirstOrDefault(k => k.Code == kind);
        Durations = SpaceSearch.DurationChoices(chosen?.DefaultPolicy, words);

        // Defaults: today at the next full hour in the first branch's zone.
        var utcNow = clock.GetUtcNow().UtcDateTime;
        var localNow = Locations.Count > 0 ? LocalCalendar.ToLocal(utcNow, Locations[0].TimeZone) : utcNow;
        var next = localNow.Date.AddHours(localNow.Hour + 1);
        Date = date ?? next.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Time = time ?? next.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Duration = duration ?? Durations[0].Value;
        if (asked)
        {
            Search = await SpaceSearch.RunAsync(db, catalogues, User, utcNow, kind, where, date, time, duration, words, ct);
        }

        var rows = await ResourceQueries.Views(db).OrderBy(r => r.Resource.Name).ToListAsync(ct);
        Kinds = rows.Select(ResourceQueries.ToView)
            .GroupBy(v => (v.Kind, v.KindName))
            .OrderBy(g => g.Key.KindName)
            .Select(g => new KindGroup(g.Key.Kind, g.Key.KindName, g.ToList()))
            .ToList();

        var now = clock.GetUtcNow().UtcDateTime;
        var sessions = await (
            from s in db.Sessions.AsNoTracking()
            join l in db.Locations.AsNoTracking() on s.LocationId equals l.Id
            where s.StartsAtUtc > now && s.CancelledAtUtc == null
            orderby s.StartsAtUtc
            select new { s.Id, s.Title, s.StartsAtUtc, l.TimeZoneId }).Take(3).ToListAsync(ct);
        Sessions = sessions.Select(s => new UpcomingSession(s.Id, s.Title, ReservationQueries.Local(s.StartsAtUtc, TimeZoneInfo.FindSystemTimeZoneById(s.TimeZoneId)))).ToList();
    }
}
