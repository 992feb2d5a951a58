using Booking.Domain.Sessions;

namespace Booking.Web.Features.Demand;

/// <summary>
/// What the community asks for about one topic: a certification (trainings) or a workshop / networking title.
/// Counts only, never people.
/// </summary>
public sealed record DemandTopic(
    string Name, SessionKind Kind, Guid? CertificationId, string SuggestedTitle,
    int CertificationRefusals, int WaitlistJoins, int FullSessions, int WaitingForSessions)
{
    /// <summary>One ask is one ask, whichever way it reached us; ties go by name so the order is stable.</summary>
    public int Asks => CertificationRefusals + WaitlistJoins + WaitingForSessions + FullSessions;
}

/// <summary>Demand for a kind of equipment over the period.</summary>
public sealed record KindDemand(string KindCode, string KindName, int CertificationRefusals, int WaitlistJoins, IReadOnlyList<string> CertificationsNeeded);

/// <summary>A session that filled: every place taken, or people waiting.</summary>
public sealed record FullSession(Guid Id, string Title, SessionKind Kind, DateTime StartsAtUtc, int Capacity, int Taken, int Waiting);

/// <summary>Puts the figures together per topic, most asked for first.</summary>
public static class DemandTopics
{
    /// <summary>
    /// One topic per certification that equipment needs or a training grants, one per workshop or networking title that
    /// filled. A certification's refusals are those on kinds of equipment needing it (the anonymous counts know the kind only).
    /// </summary>
    public static IReadOnlyList<DemandTopic> Rank(
        IReadOnlyDictionary<Guid, string> certifications,
        IReadOnlyList<(string KindCode, Guid[] Required)> resources,
        IReadOnlyDictionary<string, int> refusalsByKind,
        IReadOnlyDictionary<Guid, int> waitlistJoinsByCertification,
        IReadOnlyList<(FullSession Session, Guid? CertificationId)> full)
    {
        var topics = new List<DemandTopic>();
        foreach (var (id, name) in certifications)
        {
            var kinds = resources.Where(r => r.Required.Contains(id)).Select(r => r.KindCode).Distinct();
            var trainings = full.Where(f => f.CertificationId == id).ToList();
            topics.Add(new DemandTopic(
                name, SessionKind.Training, id, $"{name} training",
                kinds.Sum(k => refusalsByKind.GetValueOrDefault(k)), waitlistJoinsByCertification.GetValueOrDefault(id),
                trainings.Count, trainings.Sum(t => t.Session.Waiting)));
        }

        foreach (var group in full.Where(f => f.Session.Kind != SessionKind.Training)
                     .GroupBy(f => (f.Session.Kind, Title: f.Session.Title.Trim().ToLowerInvariant())))
        {
            var title = group.First().Session.Title.Trim();
            topics.Add(new DemandTopic(title, group.Key.Kind, null, title, 0, 0, group.Count(), group.Sum(f => f.Session.Waiting)));
        }

        return topics.Where(t => t.Asks > 0).OrderByDescending(t => t.Asks).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
    }
}
