using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Locations;
using Booking.Domain.Sessions;
using Booking.Workflows.Surveys;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Booking.Web.Features.Demand;

/// <summary>
/// The demand view: per topic, what the community asks for (certification-required refusals, waiting-list joins,
/// sessions that filled up) and the trainings and workshops to schedule next, each opening the new-session form pre-filled.
/// </summary>
[Authorize(Policy = MakerspaceApp.StaffPolicy)]
public sealed class DemandModel(BookingDbContext db, RefusalCounts refusalCounts, SurveyAnswers survey, TimeProvider clock, IStringLocalizer<DemandModel> words) : PageModel
{
    /// <summary>How far back the view looks; sessions ahead count too (a training already full is demand).</summary>
    public const int DaysBack = 90;

    public IReadOnlyList<Location> Branches { get; private set; } = [];

    public Guid? LocationId { get; private set; }

    public string BranchName { get; private set; } = "";

    public IReadOnlyList<DemandTopic> Suggestions { get; private set; } = [];

    public IReadOnlyList<KindDemand> Kinds { get; private set; } = [];

    public IReadOnlyList<FullSession> Full { get; private set; } = [];

    /// <summary>The skills survey's "want to learn" counts per choice (all answers, every branch: the survey has no branch).</summary>
    public IReadOnlyList<WantToLearnCount> WantToLearn { get; private set; } = [];

    /// <summary>Each full session's start, in its branch's local time.</summary>
    public IReadOnlyDictionary<Guid, DateTime> StartsLocal { get; private set; } = new Dictionary<Guid, DateTime>();

    /// <summary>Certification names by id, to say which training a survey choice counts toward.</summary>
    public IReadOnlyDictionary<Guid, string> CertificationNames { get; private set; } = new Dictionary<Guid, string>();

    public async Task OnGetAsync(Guid? locationId, CancellationToken ct)
    {
        Branches = await db.Locations.AsNoTracking().OrderBy(l => l.Name).ToListAsync(ct);
        var branch = Branches.FirstOrDefault(b => b.Id == locationId);
        LocationId = branch?.Id;
        BranchName = branch?.Name ?? words["All branches"].Value;
        var branchIds = branch is null ? Branches.Select(b => b.Id).ToList() : [branch.Id];
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.AddDays(-DaysBack);
        var firstDay = DateOnly.FromDateTime(since);

        var certifications = await db.Certifications.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var kindNames = await db.ResourceKinds.AsNoTracking().ToDictionaryAsync(k => k.Code, k => k.Name, ct);
        var resources = await db.Resources.AsNoTracking().Where(r => branchIds.Contains(r.LocationId))
            .Select(r => new { r.Id, r.KindCode, r.RequiredCertificationIds }).ToListAsync(ct);

        await refusalCounts.WriteBeforeReadingAsync(db, ct);
        var refusals = await db.RefusalCounts.AsNoTracking()
            .Where(c => c.Day >= firstDay && c.Code == ErrorCodes.CertificationRequired && branchIds.Contains(c.LocationId))
            .GroupBy(c => c.KindCode).Select(g => new { Kind = g.Key, Count = g.Sum(c => c.Count) }).ToDictionaryAsync(x => x.Kind, x => x.Count, ct);
        var joins = await (
                from w in db.WaitlistEntries.AsNoTracking()
                join r in db.Resources.AsNoTracking() on w.ResourceId equals r.Id
                where w.JoinedAtUtc >= since && branchIds.Contains(r.LocationId)
                group w by w.ResourceId into g
                select new { ResourceId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.ResourceId, x => x.Count, ct);

        var sessions = await db.Sessions.AsNoTracking()
            .Where(s => s.CancelledAtUtc == null && s.StartsAtUtc >= since && branchIds.Contains(s.LocationId))
            .Select(s => new { s.Id, s.Title, s.Kind, s.StartsAtUtc, s.Capacity, s.CertificationId, s.LocationId }).ToListAsync(ct);
        var sessionIds = sessions.Select(s => s.Id).ToList();
        var counts = await db.SessionRegistrations.AsNoTracking().Where(r => sessionIds.Contains(r.SessionId))
            .GroupBy(r => new { r.SessionId, r.Status }).Select(g => new { g.Key.SessionId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        int Count(Guid id, params RegistrationStatus[] statuses) => counts.Where(c => c.SessionId == id && statuses.Contains(c.Status)).Sum(c => c.Count);
        var full = sessions
            .Select(s => (Session: new FullSession(s.Id, s.Title, s.Kind, s.StartsAtUtc, s.Capacity,
                Count(s.Id, RegistrationStatus.Registered, RegistrationStatus.Attended, RegistrationStatus.Passed, RegistrationStatus.NoShow),
                Count(s.Id, RegistrationStatus.Waitlisted)), s.CertificationId))
            .Where(x => x.Session.Taken >= x.Session.Capacity || x.Session.Waiting > 0)
            .OrderByDescending(x => x.Session.StartsAtUtc).ToList();
        Full = full.Select(f => f.Session).ToList();
        var zones = Branches.ToDictionary(b => b.Id, b => b.TimeZone);
        StartsLocal = sessions.ToDictionary(s => s.Id, s => LocalCalendar.ToLocal(s.StartsAtUtc, zones[s.LocationId]));

        var joinsByCertification = certifications.Keys.ToDictionary(
            id => id, id => resources.Where(r => r.RequiredCertificationIds.Contains(id)).Sum(r => joins.GetValueOrDefault(r.Id)));
        WantToLearn = await survey.WantToLearnCountsAsync(ct);
        CertificationNames = certifications;
        Suggestions = DemandTopics.Rank(certifications, resources.Select(r => (r.KindCode, r.RequiredCertificationIds)).ToList(), refusals, joinsByCertification, full, WantToLearn,
            await survey.WantToLearnPeopleByCertificationAsync(ct), name => words["{0} training", name].Value);
        Kinds = resources.GroupBy(r => r.KindCode)
            .Select(g => new KindDemand(g.Key, kindNames.GetValueOrDefault(g.Key) ?? g.Key, refusals.GetValueOrDefault(g.Key), g.Sum(r => joins.GetValueOrDefault(r.Id)),
                g.SelectMany(r => r.RequiredCertificationIds).Distinct().Select(c => certifications.GetValueOrDefault(c) ?? "?").Order().ToList()))
            .Where(k => k.CertificationRefusals > 0 || k.WaitlistJoins > 0)
            .OrderByDescending(k => k.CertificationRefusals + k.WaitlistJoins).ThenBy(k => k.KindName, StringComparer.Ordinal).ToList();
    }

    /// <summary>Survey choices as one phrase ("Knitting", "Knitting or Sewing", "Knitting, Sewing or Quilting").</summary>
    public string Either(IReadOnlyList<string>? choices) => choices switch
    {
        null or [] => "",
        [var one] => one,
        _ => words["{0} or {1}", string.Join(", ", choices.Take(choices.Count - 1)), choices[^1]].Value,
    };

    /// <summary>How many sessions of a topic filled up, and how many people wait for them.</summary>
    public string FilledUp(DemandTopic topic) => (topic.FullSessions, topic.WaitingForSessions) switch
    {
        (1, 0) => words["1 session filled up"].Value,
        (var n, 0) => words["{0} sessions filled up", n].Value,
        (1, var w) => words["1 session filled up, {0} on waiting lists", w].Value,
        (var n, var w) => words["{0} sessions filled up, {1} on waiting lists", n, w].Value,
    };

    /// <summary>The new-session form, pre-filled for <paramref name="topic"/>.</summary>
    public string ScheduleUrl(DemandTopic topic)
    {
        var query = new Dictionary<string, string?>
        {
            ["kind"] = topic.Kind.ToCode(),
            ["title"] = topic.SuggestedTitle,
            ["certificationId"] = topic.CertificationId?.ToString(),
            ["locationId"] = LocationId?.ToString(),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/desk/sessions/new", query.Where(q => q.Value is not null)!);
    }
}
