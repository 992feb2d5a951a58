using Booking.Data;
using Booking.Domain.Common;
using Booking.Domain.Networking;
using Booking.Domain.Sessions;
using Booking.Workflows.Notifications;
using Booking.Workflows.Surveys;
using Microsoft.EntityFrameworkCore;

namespace Booking.Workflows.Networking;

/// <summary>A skill a profile can name: a choice of the skills survey's "want to learn" question.</summary>
public sealed record Topic(Guid Id, string Name);

/// <summary>A patron's own profile with its skills named.</summary>
public sealed record ProfileView(string DisplayName, string WhatIDo, IReadOnlyList<Topic> Offers, IReadOnlyList<Topic> Seeks, string? Link, DateTime UpdatedAtUtc);

/// <summary>
/// Another attendee as the list shows them: no e-mail, no link, no account id (<see cref="AttendeeId"/> is their consent's
/// id for this session). <see cref="Request"/> is where a request between the viewer and them stands: null, <c>sent</c>,
/// <c>received</c>, <c>accepted</c> or <c>declined</c>.
/// </summary>
public sealed record AttendeeView(Guid AttendeeId, string DisplayName, string WhatIDo, IReadOnlyList<string> Offers, IReadOnlyList<string> Seeks, string? Request);

/// <summary>
/// "Who is coming" for one viewer: <see cref="MaySee"/> false means they see nothing at all (the list is then empty).
/// The viewer's own standing says what the page offers them (opt in or out, ask to connect).
/// </summary>
public sealed record WhoIsComingView(
    Guid SessionId, bool IsNetworking, bool MaySee, bool IsAttendee, bool HasProfile, bool OptedIn, bool ConnectOpen, bool Ended,
    IReadOnlyList<AttendeeView> Attendees);

/// <summary>A request to connect, as one of the pair sees it on their networking page or in their data export.</summary>
public sealed record ConnectionView(
    Guid Id, Guid SessionId, string SessionTitle, DateTime SessionStartsAtUtc, string Direction, string OtherName, string Status, DateTime CreatedAtUtc, DateTime? AnsweredAtUtc);

/// <summary>
/// Networking at sessions (issue #20, part 2): a patron's profile, their per-session opt-in, the "who is coming" list
/// and asking to connect after the session. Every read here is for one viewer and applies <see cref="NetworkingRules"/>;
/// nothing here lists profiles for anyone else (no report, feed or export reads these tables).
/// </summary>
public sealed class SessionNetworking(BookingDbContext db, TimeProvider clock, SurveyAnswers survey)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The skills a profile may name: the "want to learn" question's choices, in the survey's order (none without a survey).</summary>
    public async Task<IReadOnlyList<Topic>> TopicsAsync(CancellationToken ct)
    {
        var current = await survey.CurrentAsync(ct);
        var question = current?.Questions.FirstOrDefault(q => q.WantToLearn);
        return question is null ? [] : question.Ordered.Select(c => new Topic(c.Id, c.Text)).ToList();
    }

    public async Task<ProfileView?> ProfileAsync(Guid patronId, CancellationToken ct)
    {
        var profile = await db.NetworkingProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.PatronId == patronId, ct);
        return profile is null ? null : View(profile, await TopicsAsync(ct));
    }

    /// <summary>Creates or replaces the patron's profile; the problems (nothing written) when the input does not pass.</summary>
    public async Task<IReadOnlyList<ProfileProblem>> SaveProfileAsync(Guid patronId, ProfileInput input, CancellationToken ct)
    {
        var topics = (await TopicsAsync(ct)).Select(t => t.Id).ToHashSet();
        var problems = NetworkingProfile.Check(input, topics);
        if (problems.Count > 0)
        {
            return problems;
        }

        var profile = await db.NetworkingProfiles.FirstOrDefaultAsync(p => p.PatronId == patronId, ct);
        if (profile is null)
        {
            db.NetworkingProfiles.Add(NetworkingProfile.Create(patronId, input, Now));
        }
        else
        {
            profile.Update(input, Now);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two first saves at once (a primary key, not a unique index, refused the second): save this one over the other.
            db.ChangeTracker.Clear();
            var saved = await db.NetworkingProfiles.FirstAsync(p => p.PatronId == patronId, ct);
            saved.Update(input, Now);
            await db.SaveChangesAsync(ct);
        }

        return [];
    }

    /// <summary>Removes the profile, every opt-in and the patron's unanswered requests: nobody sees them any more.</summary>
    public async Task DeleteProfileAsync(Guid patronId, CancellationToken ct)
    {
        await db.ConnectionRequests.Where(r => r.FromPatronId == patronId && r.Status == ConnectionStatus.Pending).ExecuteDeleteAsync(ct);
        await db.NetworkingConsents.Where(c => c.PatronId == patronId).ExecuteDeleteAsync(ct);
        await db.NetworkingProfiles.Where(p => p.PatronId == patronId).ExecuteDeleteAsync(ct);
    }

    /// <summary>Opts in to (or out of) showing the profile at one session. Opting out is always possible and also withdraws unanswered requests sent from it.</summary>
    public async Task SetConsentAsync(Guid patronId, Guid sessionId, bool show, CancellationToken ct)
    {
        var session = await SessionAsync(sessionId, ct);
        if (!show)
        {
            await db.ConnectionRequests.Where(r => r.SessionId == sessionId && r.FromPatronId == patronId && r.Status == ConnectionStatus.Pending).ExecuteDeleteAsync(ct);
            await db.NetworkingConsents.Where(c => c.SessionId == sessionId && c.PatronId == patronId).ExecuteDeleteAsync(ct);
            return;
        }

        var status = await StatusAsync(sessionId, patronId, ct);
        var hasProfile = await db.NetworkingProfiles.AnyAsync(p => p.PatronId == patronId, ct);
        NetworkingRules.CheckConsent(session, status, hasProfile, optIn: true);
        if (await db.NetworkingConsents.AnyAsync(c => c.SessionId == sessionId && c.PatronId == patronId, ct))
        {
            return;
        }

        db.NetworkingConsents.Add(new NetworkingConsent(sessionId, patronId, Now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear(); // opted in twice at once: once is what counts
        }
    }

    /// <summary>The list for one viewer (null viewer: a visitor). Null when there is no such session.</summary>
    public async Task<WhoIsComingView?> WhoIsComingAsync(Guid? viewerId, bool viewerIsStaff, Guid sessionId, CancellationToken ct)
    {
        var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null)
        {
            return null;
        }

        var now = Now;
        var mine = viewerId is { } me ? await StatusAsync(sessionId, me, ct) : null;
        var isAttendee = NetworkingRules.IsAttendee(mine);
        var hasProfile = viewerId is { } v && await db.NetworkingProfiles.AnyAsync(p => p.PatronId == v, ct);
        var optedIn = viewerId is { } o && await db.NetworkingConsents.AnyAsync(c => c.SessionId == sessionId && c.PatronId == o, ct);
        var ended = now >= session.EndsAtUtc;
        var empty = new WhoIsComingView(sessionId, NetworkingRules.HasWhoIsComing(session), false, isAttendee, hasProfile, optedIn, false, ended, []);
        if (!NetworkingRules.MaySeeWhoIsComing(session, mine, viewerIsStaff))
        {
            return empty;
        }

        var shown = await (
            from c in db.NetworkingConsents.AsNoTracking()
            join r in db.SessionRegistrations.AsNoTracking() on new { c.SessionId, c.PatronId } equals new { r.SessionId, r.PatronId }
            join p in db.NetworkingProfiles.AsNoTracking() on c.PatronId equals p.PatronId
            where c.SessionId == sessionId
            select new { c.Id, c.PatronId, r.Status, Profile = p }).ToListAsync(ct);
        var requests = viewerId is { } viewer
            ? await db.ConnectionRequests.AsNoTracking().Where(x => x.SessionId == sessionId && (x.FromPatronId == viewer || x.ToPatronId == viewer)).ToListAsync(ct)
            : new List<ConnectionRequest>();
        var topics = (await TopicsAsync(ct)).ToDictionary(t => t.Id, t => t.Name);
        var attendees = shown
            .Where(a => a.PatronId != viewerId && NetworkingRules.IsShown(a.Status, optedIn: true, hasProfile: true))
            .OrderBy(a => a.Profile.DisplayName, StringComparer.CurrentCultureIgnoreCase).ThenBy(a => a.Id)
            .Select(a => new AttendeeView(
                a.Id, a.Profile.DisplayName, a.Profile.WhatIDo, Names(a.Profile.Offers, topics), Names(a.Profile.Seeks, topics),
                RequestState(requests.FirstOrDefault(x => x.FromPatronId == a.PatronId || x.ToPatronId == a.PatronId), viewerId)))
            .ToList();
        return empty with { MaySee = true, ConnectOpen = isAttendee && optedIn && NetworkingRules.ConnectOpen(session, now), Attendees = attendees };
    }

    /// <summary>
    /// Asks another attendee (by their <see cref="AttendeeView.AttendeeId"/>) to connect. One request per pair and
    /// session, whoever asks: a second (or a parallel duplicate) is refused as a conflict.
    /// </summary>
    public async Task<ConnectionRequest> AskAsync(Guid patronId, Guid sessionId, Guid attendeeId, CancellationToken ct)
    {
        var session = await SessionAsync(sessionId, ct);
        var target = await db.NetworkingConsents.AsNoTracking().FirstOrDefaultAsync(c => c.Id == attendeeId && c.SessionId == sessionId, ct);
        var fromStatus = await StatusAsync(sessionId, patronId, ct);
        var toStatus = target is null ? null : await StatusAsync(sessionId, target.PatronId, ct);
        var fromShown = await ShownAsync(sessionId, patronId, ct);
        var toShown = target is not null && await ShownAsync(sessionId, target.PatronId, ct);
        NetworkingRules.CheckAsk(session, Now, patronId, fromStatus, fromShown, target?.PatronId ?? Guid.Empty, toStatus, toShown);

        var request = new ConnectionRequest(sessionId, patronId, target!.PatronId, Now);
        if (await db.ConnectionRequests.AnyAsync(r => r.SessionId == sessionId && r.FirstPatronId == request.FirstPatronId && r.SecondPatronId == request.SecondPatronId, ct))
        {
            throw AlreadyAsked();
        }

        db.ConnectionRequests.Add(request);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            throw AlreadyAsked();
        }

        return request;
    }

    /// <summary>
    /// The asked patron accepts or declines. Accepting queues one mail to each of the two with the other's name, e-mail
    /// address and link, in the same transaction that records the answer: both agreed, or nothing is sent.
    /// </summary>
    public async Task<ConnectionRequest> AnswerAsync(Guid patronId, Guid requestId, bool accept, CancellationToken ct)
    {
        var now = Now;
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        var request = await db.ConnectionRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId && r.ToPatronId == patronId, ct)
            ?? throw new DomainException(ErrorCodes.NotFound, "No request to connect with that id (or it is not yours).");
        request.Answer(patronId, accept, now);
        if (accept)
        {
            await QueueContactsAsync(request, now, ct);
        }

        // Two answers at once: only the one that finds it still pending counts.
        var changed = await db.ConnectionRequests.Where(r => r.Id == requestId && r.Status == ConnectionStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, request.Status).SetProperty(r => r.AnsweredAtUtc, (DateTime?)now), ct);
        if (changed != 1)
        {
            throw new DomainException(ErrorCodes.InvalidState, "This request is already answered.");
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return request;
    }

    /// <summary>Every request the patron sent or received, newest first, with the other's display name.</summary>
    public async Task<IReadOnlyList<ConnectionView>> ConnectionsAsync(Guid patronId, CancellationToken ct)
    {
        var rows = await (
            from r in db.ConnectionRequests.AsNoTracking()
            join s in db.Sessions.AsNoTracking() on r.SessionId equals s.Id
            where r.FromPatronId == patronId || r.ToPatronId == patronId
            orderby r.CreatedAtUtc descending
            select new { Request = r, s.Title, s.StartsAtUtc }).ToListAsync(ct);
        var others = rows.Select(x => x.Request.FromPatronId == patronId ? x.Request.ToPatronId : x.Request.FromPatronId).Distinct().ToList();
        var names = await db.NetworkingProfiles.AsNoTracking().Where(p => others.Contains(p.PatronId)).ToDictionaryAsync(p => p.PatronId, p => p.DisplayName, ct);
        return rows.Select(x =>
        {
            var sent = x.Request.FromPatronId == patronId;
            var other = sent ? x.Request.ToPatronId : x.Request.FromPatronId;
            return new ConnectionView(x.Request.Id, x.Request.SessionId, x.Title, x.StartsAtUtc, sent ? "sent" : "received",
                names.GetValueOrDefault(other) ?? "", x.Request.Status.ToString().ToLowerInvariant(), x.Request.CreatedAtUtc, x.Request.AnsweredAtUtc);
        }).ToList();
    }

    /// <summary>The sessions the patron opted in for (title and start), for their own data export.</summary>
    public async Task<IReadOnlyList<(string Title, DateTime StartsAtUtc, DateTime GivenAtUtc)>> ConsentsAsync(Guid patronId, CancellationToken ct) =>
        (await (from c in db.NetworkingConsents.AsNoTracking()
                join s in db.Sessions.AsNoTracking() on c.SessionId equals s.Id
                where c.PatronId == patronId
                orderby s.StartsAtUtc
                select new { s.Title, s.StartsAtUtc, c.GivenAtUtc }).ToListAsync(ct))
        .Select(x => (x.Title, x.StartsAtUtc, x.GivenAtUtc)).ToList();

    private async Task QueueContactsAsync(ConnectionRequest request, DateTime now, CancellationToken ct)
    {
        var session = await db.Sessions.AsNoTracking().FirstAsync(s => s.Id == request.SessionId, ct);
        var pair = new[] { request.FromPatronId, request.ToPatronId };
        var people = await (
            from u in db.Users.AsNoTracking()
            join p in db.NetworkingProfiles.AsNoTracking() on u.Id equals p.PatronId
            where pair.Contains(u.Id)
            select new { u.Id, u.Email, p.DisplayName, p.Link }).ToListAsync(ct);
        if (people.Count != 2 || people.Any(p => string.IsNullOrEmpty(p.Email)))
        {
            throw new DomainException(ErrorCodes.InvalidState, "The other attendee no longer shares a profile, so there is nothing to connect.");
        }

        var place = await (
            from l in db.Locations.AsNoTracking()
            where l.Id == session.LocationId
            select new { l.TimeZoneId, l.Name, l.Address, Room = db.Resources.Where(r => r.Id == session.RoomId).Select(r => r.Name).FirstOrDefault() }).FirstAsync(ct);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(place.TimeZoneId);
        var where = new SessionPlace(session.Id, session.EndsAtUtc, place.Room is null ? place.Name : $"{place.Room}, {place.Name}", place.Address);
        foreach (var person in people)
        {
            var other = people.Single(p => p.Id != person.Id);
            db.Notifications.Add(Notices.NetworkingConnected(person.Id, session.Title, session.StartsAtUtc, zone, where, other.DisplayName, other.Email!, other.Link, now));
        }
    }

    private async Task<Session> SessionAsync(Guid sessionId, CancellationToken ct) =>
        await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct)
        ?? throw new DomainException(ErrorCodes.NotFound, "No session with that id.");

    private Task<RegistrationStatus?> StatusAsync(Guid sessionId, Guid patronId, CancellationToken ct) =>
        db.SessionRegistrations.AsNoTracking().Where(r => r.SessionId == sessionId && r.PatronId == patronId).Select(r => (RegistrationStatus?)r.Status).FirstOrDefaultAsync(ct);

    private async Task<bool> ShownAsync(Guid sessionId, Guid patronId, CancellationToken ct) =>
        await db.NetworkingConsents.AnyAsync(c => c.SessionId == sessionId && c.PatronId == patronId, ct)
        && await db.NetworkingProfiles.AnyAsync(p => p.PatronId == patronId, ct);

    private static ProfileView View(NetworkingProfile profile, IReadOnlyList<Topic> topics)
    {
        IReadOnlyList<Topic> Named(Guid[] ids) => topics.Where(t => ids.Contains(t.Id)).ToList();
        return new ProfileView(profile.DisplayName, profile.WhatIDo, Named(profile.Offers), Named(profile.Seeks), profile.Link, profile.UpdatedAtUtc);
    }

    // A skill whose survey choice was removed is no longer named.
    private static List<string> Names(Guid[] ids, Dictionary<Guid, string> topics) =>
        ids.Where(topics.ContainsKey).Select(id => topics[id]).ToList();

    private static string? RequestState(ConnectionRequest? request, Guid? viewerId) => request switch
    {
        null => null,
        { Status: ConnectionStatus.Pending } when request.FromPatronId == viewerId => "sent",
        { Status: ConnectionStatus.Pending } => "received",
        { Status: ConnectionStatus.Accepted } => "accepted",
        _ => "declined",
    };

    private static DomainException AlreadyAsked() =>
        new(ErrorCodes.Conflict, "There is already a request to connect between you two for this session.");
}
