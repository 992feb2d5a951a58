using Booking.Domain.Common;
using Booking.Domain.Sessions;

namespace Booking.Domain.Networking;

/// <summary>
/// Who may see whom at a networking session, and who may ask whom to connect. An attendee is a patron holding a place
/// (registered, attended or passed): never someone waitlisted, cancelled or marked absent.
/// </summary>
public static class NetworkingRules
{
    /// <summary>How long after a session its attendees may still ask each other to connect.</summary>
    public static readonly TimeSpan ConnectWindow = TimeSpan.FromDays(30);

    public static bool IsAttendee(RegistrationStatus? status) =>
        status is RegistrationStatus.Registered or RegistrationStatus.Attended or RegistrationStatus.Passed;

    /// <summary>Whether the session has a "who is coming" list at all: a networking session that is not cancelled.</summary>
    public static bool HasWhoIsComing(Session session) => session.Kind == SessionKind.Networking && !session.IsCancelled;

    /// <summary>An attendee sees the list; staff see the same list (no more); nobody else sees it.</summary>
    public static bool MaySeeWhoIsComing(Session session, RegistrationStatus? viewer, bool viewerIsStaff) =>
        HasWhoIsComing(session) && (viewerIsStaff || IsAttendee(viewer));

    /// <summary>Whether another patron appears in the list: an attendee who opted in for this session and keeps a profile.</summary>
    public static bool IsShown(RegistrationStatus status, bool optedIn, bool hasProfile) => IsAttendee(status) && optedIn && hasProfile;

    /// <summary>Refuses opting in (or out) unless the patron is an attendee of a networking session; the refusal in words.</summary>
    public static void CheckConsent(Session session, RegistrationStatus? status, bool hasProfile, bool optIn)
    {
        if (!HasWhoIsComing(session))
        {
            throw new DomainException(ErrorCodes.InvalidState, "Only a networking session shows who is coming.");
        }

        if (!IsAttendee(status))
        {
            throw new DomainException(ErrorCodes.Forbidden, "Only registered attendees can show their profile.");
        }

        if (optIn && !hasProfile)
        {
            throw new DomainException(ErrorCodes.InvalidState, "Write your networking profile first.");
        }
    }

    /// <summary>Whether the session's ask-to-connect time is on: from its end for <see cref="ConnectWindow"/>.</summary>
    public static bool ConnectOpen(Session session, DateTime nowUtc) =>
        HasWhoIsComing(session) && nowUtc >= session.EndsAtUtc && nowUtc < session.EndsAtUtc + ConnectWindow;

    /// <summary>
    /// Refuses an ask to connect unless the session is over (and not long ago), both are attendees shown to each other
    /// (both opted in, with profiles) and they are two people. An unknown or hidden other is "not found", so an ask
    /// tells nothing about who is there.
    /// </summary>
    public static void CheckAsk(Session session, DateTime nowUtc, Guid fromId, RegistrationStatus? fromStatus, bool fromShown, Guid toId, RegistrationStatus? toStatus, bool toShown)
    {
        if (!MaySeeWhoIsComing(session, fromStatus, viewerIsStaff: false))
        {
            throw new DomainException(ErrorCodes.Forbidden, "Only attendees of this networking session can ask to connect.");
        }

        if (!IsAttendee(toStatus) || !toShown || toId == fromId)
        {
            throw new DomainException(ErrorCodes.NotFound, "No attendee with that id shows a profile at this session.");
        }

        if (nowUtc < session.EndsAtUtc)
        {
            throw new DomainException(ErrorCodes.InvalidState, "You can ask to connect after the session.");
        }

        if (!ConnectOpen(session, nowUtc))
        {
            throw new DomainException(ErrorCodes.InvalidState, "Asking to connect closes 30 days after the session.");
        }

        if (!fromShown)
        {
            throw new DomainException(ErrorCodes.InvalidState, "Show your profile at this session first: the other attendee sees who asks.");
        }
    }
}
