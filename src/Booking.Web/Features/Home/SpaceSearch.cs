using System.Globalization;
using System.Security.Claims;
using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Locations;
using Booking.Domain.Reservations;
using Booking.Domain.Resources;
using Booking.Web.Features.Availability;
using Booking.Web.Features.Resources;
using Booking.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Home;

/// <summary>
/// The home page's "find a free space": what, where and when as a query string, checked in words, then every
/// resource of the kind with its answer from <see cref="KindAvailability"/> (the rules the API and booking use).
/// Its words come from <c>SpaceSearch.{language}.resx</c> through the <paramref name="words"/> localizer callers pass.
/// </summary>
public sealed class SpaceSearch
{
    /// <summary>The duration choice meaning the branch's opening hours that day.</summary>
    public const string AllDay = "day";

    /// <summary>What a patron needs to use a resource; <c>Held</c> is null for a visitor not signed in.</summary>
    public sealed record Needed(string Name, bool? Held);

    /// <summary>One resource's answer at its branch, in the branch's local time.</summary>
    public sealed record Found(Guid Id, string Name, string LocationName, string? Description, DateTime? StartLocal, DateTime? EndLocal,
        bool Free, string? Reason, IReadOnlyList<Needed> Certifications, PhotoSummary? Photo);

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public IReadOnlyList<Found> Free { get; private set; } = [];

    public IReadOnlyList<Found> NotFree { get; private set; } = [];

    /// <summary>A day, start and duration: the durations a kind's policy allows (slot steps from its minimum to its maximum) and "all day".</summary>
    public static IReadOnlyList<(string Value, string Label)> DurationChoices(BookingPolicy? policy, IStringLocalizer<SpaceSearch> words)
    {
        var step = policy is null ? 30 : Math.Max(policy.SlotMinutes, 15);
        var min = policy?.MinDurationMinutes ?? 30;
        var max = policy?.MaxDurationMinutes ?? 240;
        var choices = new List<(string, string)>();
        for (var m = min; m <= max && choices.Count < 24; m += step)
        {
            choices.Add((m.ToString(CultureInfo.InvariantCulture), Words(m, words)));
        }

        choices.Add((AllDay, words["All day (opening hours)"].Value));
        return choices;
    }

    /// <summary>"30 min", "1 hour", "1 h 30 min", "4 hours" (in the reader's language: a key per form).</summary>
    public static string Words(int minutes, IStringLocalizer<SpaceSearch> words) => (minutes / 60, minutes % 60) switch
    {
        (0, var m) => words["{0} min", m].Value,
        (1, 0) => words["1 hour"].Value,
        (var h, 0) => words["{0} hours", h].Value,
        (var h, var m) => words["{0} h {1} min", h, m].Value,
    };

    /// <summary>Checks the asked values and, when they hold, answers them. Nothing is written.</summary>
    public static async Task<SpaceSearch> RunAsync(BookingDbContext db, KindCatalogues catalogues, ClaimsPrincipal user, DateTime nowUtc,
        string? kind, string? where, string? date, string? time, string? duration, IStringLocalizer<SpaceSearch> words, CancellationToken ct)
    {
        var search = new SpaceSearch();
        var problems = new List<string>();
        ResourceKind? chosen = null;
        if (string.IsNullOrWhiteSpace(kind))
        {
            problems.Add(words["Choose what you want to reserve."]);
        }
        else
        {
            chosen = await db.ResourceKinds.AsNoTracking().FirstOrDefaultAsync(k => k.Code == kind, ct);
            if (chosen is null)
            {
                problems.Add(words["There is nothing of the kind “{0}” to reserve. Choose one from the list.", Clip(kind)]);
            }
        }

        Guid? locationId = null;
        if (!string.IsNullOrEmpty(where))
        {
            if (Guid.TryParse(where, out var id) && await db.Locations.AnyAsync(l => l.Id == id, ct))
            {
                locationId = id;
            }
            else
            {
                problems.Add(words["That branch is not one of ours. Choose one from the list, or all branches."]);
            }
        }

        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) || !Instants.InWindow(day))
        {
            problems.Add(words["Give the date as a calendar date, for example 2026-12-01."]);
        }

        var allDay = duration == AllDay;
        var minutes = 0;
        if (!allDay && !(int.TryParse(duration, NumberStyles.None, CultureInfo.InvariantCulture, out minutes) && minutes is > 0 and <= 24 * 60))
        {
            problems.Add(words["Choose how long you need it."]);
        }
        else if (!allDay && chosen is not null && !Allowed(chosen.DefaultPolicy, minutes))
        {
            var p = chosen.DefaultPolicy;
            problems.Add(words["{0}: a reservation lasts {1} to {2}, in steps of {3}.", chosen.Name, Words(p.MinDurationMinutes, words), Words(p.MaxDurationMinutes, words), Words(p.SlotMinutes, words)]);
        }

        var start = TimeOnly.MinValue;
        if (!allDay && !TimeOnly.TryParseExact(time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out start))
        {
            problems.Add(words["Give a start time, for example 14:00."]);
        }

        if (problems.Count > 0 || chosen is null)
        {
            search.Problems = problems;
            return search;
        }

        UtcInterval? IntervalAt(Location location) => allDay
            ? OpeningHoursOf(location, day)
            : new UtcInterval(LocalCalendar.ToUtc(day.ToDateTime(start), location.TimeZone), LocalCalendar.ToUtc(day.ToDateTime(start).AddMinutes(minutes), location.TimeZone));

        var answers = await KindAvailability.CheckAsync(db, catalogues, chosen.Code, locationId, IntervalAt, nowUtc, ct);
        var asked = answers.Where(a => a.Interval is not null).ToList();
        if (asked.Count > 0 && asked.All(a => a.Interval!.Value.End <= nowUtc))
        {
            search.Problems = [words["That time has passed. Choose a later date or time."].Value];
            return search;
        }

        var ids = answers.Select(a => a.Row.Resource.Id).ToList();
        var photos = await PhotoSummary.Query(db).Where(p => ids.Contains(p.ResourceId)).ToDictionaryAsync(p => p.ResourceId, ct);
        var needs = await NeedsAsync(db, user, answers.SelectMany(a => a.Row.Resource.RequiredCertificationIds).Distinct().ToList(), nowUtc, ct);
        var found = answers.Select(a =>
        {
            var zone = a.Location.TimeZone;
            DateTime? startLocal = a.Interval is { } s ? LocalCalendar.ToLocal(s.Start, zone) : null;
            DateTime? endLocal = a.Interval is { } e ? LocalCalendar.ToLocal(e.End, zone) : null;
            var reason = a.Interval switch
            {
                null => words["{0} is closed on {1}.", a.Location.Name, Dates.Day(day)].Value,
                { } i when i.Start < nowUtc => words["That time has already passed here."].Value,
                _ => a.Refusal is null ? null : Plain(a.Refusal),
            };
            var certifications = a.Row.Resource.RequiredCertificationIds.Where(needs.ContainsKey).Select(c => needs[c]).ToList();
            return new Found(a.Row.Resource.Id, a.Row.Resource.Name, a.Row.LocationName, a.Row.Resource.Description,
                startLocal, endLocal, reason is null, reason, certifications, photos.GetValueOrDefault(a.Row.Resource.Id));
        }).ToList();
        search.Free = found.Where(f => f.Free).ToList();
        search.NotFree = found.Where(f => !f.Free).ToList();
        return search;
    }

    private static bool Allowed(BookingPolicy policy, int minutes) =>
        minutes >= policy.MinDurationMinutes && minutes <= policy.MaxDurationMinutes && minutes % policy.SlotMinutes == 0;

    /// <summary>"All day" is the branch's longest opening period that day; null when it does not open.</summary>
    private static UtcInterval? OpeningHoursOf(Location location, DateOnly day)
    {
        var zone = location.TimeZone;
        var wholeDay = new UtcInterval(LocalCalendar.ToUtc(day.ToDateTime(TimeOnly.MinValue), zone), LocalCalendar.ToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue), zone));
        var open = FreeTime.OpenIntervals(location, wholeDay);
        return open.Count == 0 ? null : open.MaxBy(o => o.Duration);
    }

    /// <summary>The refusal's words, without the booking page's offer of the waiting list (it has its own link there).</summary>
    private static string Plain(BookingRefusal refusal) => RefusalWords.Say(refusal, CultureInfo.CurrentUICulture, offerWaitlist: false);

    private static async Task<Dictionary<Guid, Needed>> NeedsAsync(BookingDbContext db, ClaimsPrincipal user, List<Guid> ids, DateTime nowUtc, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var names = await db.Certifications.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        HashSet<Guid>? held = null;
        if (user.Identity?.IsAuthenticated == true)
        {
            var me = user.UserId();
            var grants = await db.CertificationGrants.AsNoTracking().Where(g => g.PatronId == me && ids.Contains(g.CertificationId)).ToListAsync(ct);
            held = grants.Where(g => g.IsValidAt(nowUtc)).Select(g => g.CertificationId).ToHashSet();
        }

        return names.ToDictionary(n => n.Id, n => new Needed(n.Name, held?.Contains(n.Id)));
    }

    private static string Clip(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
