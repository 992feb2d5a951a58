using Booking.Domain.Sessions;
using Booking.Workflows.Surveys;

namespace Booking.Web.Features.Demand;

/// <summary>
/// What the community asks for about one topic: a certification (trainings) or a workshop / networking title.
/// Counts only, never people. <see cref="SurveyChoices"/> are the skills survey's "want to learn" choices counted in
/// <see cref="WantToLearn"/>.
/// </summary>
public sealed record DemandTopic(
    string Name, SessionKind Kind, Guid? CertificationId, string SuggestedTitle,
    int CertificationRefusals, int WaitlistJoins, int FullSessions, int WaitingForSessions,
    int WantToLearn = 0, IReadOnlyList<string>? SurveyChoices = null)
{
    /// <summary>One ask is one ask, whichever way it reached us; ties go by name so the order is stable.</summary>
    public int Asks => CertificationRefusals + WaitlistJoins + WaitingForSessions + FullSessions + WantToLearn;
}

/// <summary>Demand for a kind of equipment over the period.</summary>
public sealed record KindDemand(string KindCode, string KindName, int CertificationRefusals, int WaitlistJoins, IReadOnlyList<string> CertificationsNeeded);

/// <summary>A session that filled: every place taken, or people waiting.</summary>
public sealed record FullSession(Guid Id, string Title, SessionKind Kind, DateTime StartsAtUtc, int Capacity, int Taken, int Waiting);

/// <summary>Puts the figures together per topic, most asked for first.</summary>
public static class DemandTopics
{
    /// <summary>
    /// One topic per certification that equipment needs, a training grants or a survey choice names; one per workshop
    /// or networking title that filled; one per "want to learn" choice that names no certification (a workshop, merged
    /// with a full workshop of the same title). A certification's refusals are those on kinds of equipment needing it
    /// (the anonymous counts know the kind only); its "want to learn" figure is people, not ticks (one person may tick
    /// two choices about the same certification).
    /// </summary>
    public static IReadOnlyList<DemandTopic> Rank(
        IReadOnlyDictionary<Guid, string> certifications,
        IReadOnlyList<(string KindCode, Guid[] Required)> resources,
        IReadOnlyDictionary<string, int> refusalsByKind,
        IReadOnlyDictionary<Guid, int> waitlistJoinsByCertification,
        IReadOnlyList<(FullSession Session, Guid? CertificationId)> full,
        IReadOnlyList<WantToLearnCount> wantToLearn,
        IReadOnlyDictionary<Guid, int> wantToLearnPeopleByCertification,
        Func<string, string>? trainingTitle = null)
    {
        // The suggested title is shown to staff and pre-fills the form, so it is in the reader's words when given.
        trainingTitle ??= name => $"{name} training";
        var asked = wantToLearn.Where(w => w.Count > 0).ToList();
        var topics = new List<DemandTopic>();
        foreach (var (id, name) in certifications)
        {
            var kinds = resources.Where(r => r.Required.Contains(id)).Select(r => r.KindCode).Distinct();
            var trainings = full.Where(f => f.CertificationId == id).ToList();
            var learn = asked.Where(w => w.CertificationId == id).ToList();
            topics.Add(new DemandTopic(
                name, SessionKind.Training, id, trainingTitle(name),
                kinds.Sum(k => refusalsByKind.GetValueOrDefault(k)), waitlistJoinsByCertification.GetValueOrDefault(id),
                trainings.Count, trainings.Sum(t => t.Session.Waiting),
                wantToLearnPeopleByCertification.GetValueOrDefault(id), learn.Select(w => w.Choice).ToList()));
        }

        // A choice naming no known certification is a workshop of its own, under the choice's words.
        var ownTopics = asked.Where(w => w.CertificationId is not { } c || !certifications.ContainsKey(c))
            .Select(w => (Session: (FullSession?)null, Learn: (WantToLearnCount?)w, Kind: SessionKind.Workshop, Title: w.Choice));
        var sessions = full.Where(f => f.Session.Kind != SessionKind.Training)
            .Select(f => (Session: (FullSession?)f.Session, Learn: (WantToLearnCount?)null, f.Session.Kind, f.Session.Title));
        foreach (var group in sessions.Concat(ownTopics).GroupBy(x => (x.Kind, Title: x.Title.Trim().ToLowerInvariant())))
        {
            var title = group.First().Title.Trim();
            var filled = group.Where(x => x.Session is not null).Select(x => x.Session!).ToList();
            var learn = group.Where(x => x.Learn is not null).Select(x => x.Learn!).ToList();
            topics.Add(new DemandTopic(title, group.Key.Kind, null, title, 0, 0, filled.Count, filled.Sum(f => f.Waiting),
                learn.Sum(w => w.Count), learn.Select(w => w.Choice).ToList()));
        }

        return topics.Where(t => t.Asks > 0).OrderByDescending(t => t.Asks).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
    }
}
