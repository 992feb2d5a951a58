using Booking.Domain.Certifications;
using Booking.Domain.Common;
using Booking.Domain.Reservations;

namespace Booking.Domain.Sessions;

/// <summary>What staff give when scheduling a session; validated by <see cref="Session"/>.</summary>
public sealed record SessionDetails(
    SessionKind Kind, string Title, string? Description, Guid RoomId, Guid LocationId, UtcInterval Interval, int Capacity,
    Guid? CertificationId, Guid? PartnerId, Guid HostStaffId, int HoldDesks, Guid? SeatsPartnerId = null, int PartnerSeats = 0);

/// <summary>
/// A scheduled training, networking session or workshop in a room, with its registrations and
/// waitlist. Places go first come, first served; when a place frees, the first in line is promoted.
/// </summary>
public sealed class Session
{
    public const int MaxCapacity = 500;
    public const int MaxHeldDesks = 50;

    /// <summary>The refusal for a set-aside count without a partner, or beyond the capacity.</summary>
    public const string SeatsOutOfRange = "Set aside 0 seats, or up to the capacity for a named partner (partnerSeats with seatsPartnerId).";

    public const string HostNeedsNoSeats = "The hosting partner registers its clients for any place: set seats aside for another partner.";

    private readonly List<SessionRegistration> _registrations = [];
    private readonly List<SessionDesk> _desks = [];

    private Session()
    {
    }

    public Session(SessionDetails details, Guid createdById, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(details.Title))
        {
            throw Invalid("A session needs a title.");
        }

        if (details.Interval.IsEmpty)
        {
            throw Invalid("The end must be after the start.");
        }

        if (details.Interval.Start <= nowUtc)
        {
            throw Invalid("A session is scheduled in the future.");
        }

        if (details.Capacity is < 1 or > MaxCapacity)
        {
            throw Invalid($"Capacity is 1 to {MaxCapacity} people.");
        }

        if (details.Kind == SessionKind.Training && details.CertificationId is null)
        {
            throw Invalid("A training grants a certification: say which (certificationId).");
        }

        if (details.Kind != SessionKind.Training && details.CertificationId is not null)
        {
            throw Invalid("Only a training grants a certification.");
        }

        if (details.HoldDesks != 0 && details.Kind != SessionKind.Networking)
        {
            throw Invalid("Only a networking session holds coworking desks.");
        }

        if (details.HoldDesks is < 0 or > MaxHeldDesks)
        {
            throw Invalid($"A session holds 0 to {MaxHeldDesks} desks.");
        }

        if (details.PartnerSeats < 0 || details.PartnerSeats > details.Capacity || (details.PartnerSeats > 0) != (details.SeatsPartnerId is not null))
        {
            throw Invalid(SeatsOutOfRange);
        }

        if (details.PartnerSeats > 0 && details.SeatsPartnerId == details.PartnerId)
        {
            throw Invalid(HostNeedsNoSeats);
        }

        Id = Guid.NewGuid();
        Kind = details.Kind;
        Title = details.Title.Trim();
        Description = details.Description?.Trim() ?? "";
        RoomId = details.RoomId;
        LocationId = details.LocationId;
        StartsAtUtc = details.Interval.Start;
        EndsAtUtc = details.Interval.End;
        Capacity = details.Capacity;
        CertificationId = details.CertificationId;
        PartnerId = details.PartnerId;
        HostStaffId = details.HostStaffId;
        HoldDesks = details.HoldDesks;
        SeatsPartnerId = details.PartnerSeats > 0 ? details.SeatsPartnerId : null;
        PartnerSeats = details.PartnerSeats;
        CreatedById = createdById;
        CreatedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }

    public SessionKind Kind { get; private set; }

    public string Title { get; private set; } = "";

    public string Description { get; private set; } = "";

    public Guid RoomId { get; private set; }

    /// <summary>The room's branch, copied so sessions are listed by branch without a join.</summary>
    public Guid LocationId { get; private set; }

    public DateTime StartsAtUtc { get; private set; }

    public DateTime EndsAtUtc { get; private set; }

    public int Capacity { get; private set; }

    /// <summary>For a training: the certification a pass grants.</summary>
    public Guid? CertificationId { get; private set; }

    /// <summary>The partner organisation hosting it; null when library staff host.</summary>
    public Guid? PartnerId { get; private set; }

    public Guid HostStaffId { get; private set; }

    /// <summary>Coworking desks held for attendees (networking only).</summary>
    public int HoldDesks { get; private set; }

    /// <summary>The reservation that holds the room.</summary>
    public Guid RoomReservationId { get; private set; }

    /// <summary>The reservations that hold the session's desks now (its holds and the attendees' own), released ones left out.</summary>
    public Guid[] DeskReservationIds { get; private set; } = [];

    public Guid CreatedById { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? CancelledAtUtc { get; private set; }

    public string? CancellationReason { get; private set; }

    public bool IsCancelled => CancelledAtUtc is not null;

    public UtcInterval Interval => new(StartsAtUtc, EndsAtUtc);

    public IReadOnlyList<SessionRegistration> Registrations => _registrations;

    /// <summary>The coworking desks the session holds for its attendees (networking only).</summary>
    public IReadOnlyList<SessionDesk> Desks => _desks;

    public int PlacesTaken => _registrations.Count(r => r.HoldsPlace);

    /// <summary>The partner organisation some seats are set aside for (not the host), or null.</summary>
    public Guid? SeatsPartnerId { get; private set; }

    /// <summary>Seats only <see cref="SeatsPartnerId"/>'s staff may fill with their clients; the public never gets them.</summary>
    public int PartnerSeats { get; private set; }

    /// <summary>The places the public (and the waiting list) may take: the capacity less the seats set aside.</summary>
    public int PublicCapacity => Capacity - PartnerSeats;

    public int PublicPlacesTaken => _registrations.Count(r => r.HoldsPlace && !r.OnPartnerSeat);

    public int PartnerSeatsTaken => _registrations.Count(r => r.HoldsPlace && r.OnPartnerSeat);

    public int Waiting => _registrations.Count(r => r.Status == RegistrationStatus.Waitlisted);

    /// <summary>Records what the booking engine reserved for the session: the room, and each desk (in order) with its hold.</summary>
    public void HoldWith(Guid roomReservationId, IEnumerable<(Guid DeskId, Guid ReservationId)> deskHolds)
    {
        RoomReservationId = roomReservationId;
        _desks.Clear();
        foreach (var (deskId, reservationId) in deskHolds)
        {
            _desks.Add(new SessionDesk(Id, deskId, _desks.Count + 1, reservationId));
        }

        SyncDeskReservations();
    }

    /// <summary>The desk the registration's attendee holds, if any.</summary>
    public SessionDesk? DeskOf(SessionRegistration registration) => _desks.FirstOrDefault(d => d.RegistrationId == registration.Id);

    /// <summary>Desks still in the pool, first free first.</summary>
    public IEnumerable<SessionDesk> FreeDesks => _desks.Where(d => d.IsFree).OrderBy(d => d.Position);

    /// <summary>
    /// Which desk the attendee gets: the one they chose (it must be one of the session's, and free), or the first free
    /// one; null when the attendee holds no place (waiting list) or no desk is free. One desk per attendee.
    /// Checked before anything is written, so a refused choice changes nothing.
    /// </summary>
    public SessionDesk? ChooseDesk(SessionRegistration registration, Guid? deskId)
    {
        SessionDesk? chosen = null;
        if (deskId is { } wanted)
        {
            if (_desks.Count == 0)
            {
                throw Invalid($"{Title} holds no desks to choose from: register without one.");
            }

            chosen = _desks.FirstOrDefault(d => d.ResourceId == wanted)
                ?? throw Invalid("That desk is not one this session holds: choose one of its desks.");
            if (chosen.ReleasedAtUtc is not null)
            {
                throw new DomainException(ErrorCodes.SlotTaken, "That desk is no longer held for the session: it went back to public booking. Choose another or register without one.");
            }

            if (chosen.RegistrationId is not null && chosen.RegistrationId != registration.Id)
            {
                throw new DomainException(ErrorCodes.SlotTaken, "Another attendee has just taken that desk: choose another.");
            }
        }

        if (!registration.HoldsPlace || registration.Status != RegistrationStatus.Registered)
        {
            return null;
        }

        if (DeskOf(registration) is not null)
        {
            throw new DomainException(ErrorCodes.Conflict, "You already have a desk for this session: one desk per attendee.");
        }

        return chosen ?? FreeDesks.FirstOrDefault();
    }

    /// <summary>The desk becomes the attendee's, held by their own reservation.</summary>
    public void Claim(SessionDesk desk, SessionRegistration registration, Guid reservationId)
    {
        if (!desk.IsFree)
        {
            throw new DomainException(ErrorCodes.SlotTaken, "Another attendee has just taken that desk: choose another.");
        }

        if (DeskOf(registration) is not null)
        {
            throw new DomainException(ErrorCodes.Conflict, "You already have a desk for this session: one desk per attendee.");
        }

        desk.ClaimFor(registration.Id, reservationId);
        SyncDeskReservations();
    }

    /// <summary>
    /// Takes back the desk an attendee held (cancelled registration, no-show, cancelled desk): it returns to the pool
    /// once <see cref="HoldAgain"/> gives it a hold. Null when they held none.
    /// </summary>
    public SessionDesk? TakeBackDesk(SessionRegistration registration)
    {
        var desk = DeskOf(registration);
        return desk is null ? null : TakeBack(desk);
    }

    /// <summary>Takes back the desk whose attendee's reservation is <paramref name="reservationId"/>; null when none is.</summary>
    public SessionDesk? TakeBackDeskHeldBy(Guid reservationId)
    {
        var desk = _desks.FirstOrDefault(d => d.ReservationId == reservationId && d.RegistrationId is not null);
        return desk is null ? null : TakeBack(desk);
    }

    /// <summary>The desk is the session's again, held by <paramref name="holdReservationId"/> (not public).</summary>
    public void HoldAgain(SessionDesk desk, Guid holdReservationId)
    {
        desk.HoldAgain(holdReservationId);
        SyncDeskReservations();
    }

    /// <summary>
    /// The desks to give back to public booking at <paramref name="nowUtc"/>: those still in the pool from
    /// <paramref name="before"/> ahead of the start until the start (a desk returned once the session runs stays with it).
    /// </summary>
    public IReadOnlyList<SessionDesk> DesksToRelease(TimeSpan before, DateTime nowUtc) =>
        IsCancelled || nowUtc >= StartsAtUtc || nowUtc < StartsAtUtc - before ? [] : FreeDesks.ToList();

    /// <summary>Marks a pool desk as back in public booking (its hold is cancelled by the caller).</summary>
    public void Release(SessionDesk desk, DateTime nowUtc)
    {
        if (!desk.IsFree)
        {
            throw new DomainException(ErrorCodes.InvalidState, "Only a desk still in the session's pool goes back to public booking.");
        }

        desk.Release(nowUtc);
        SyncDeskReservations();
    }

    private SessionDesk TakeBack(SessionDesk desk)
    {
        desk.HoldAgain(desk.ReservationId);
        return desk;
    }

    private void SyncDeskReservations() =>
        DeskReservationIds = _desks.Where(d => d.ReleasedAtUtc is null).OrderBy(d => d.Position).Select(d => d.ReservationId).ToArray();

    /// <summary>Registers the patron: a place if one is free, else the end of the waitlist.</summary>
    public SessionRegistration Register(Guid patronId, DateTime nowUtc)
    {
        var existing = Admissible(patronId, nowUtc);
        var status = PublicPlacesTaken < PublicCapacity ? RegistrationStatus.Registered : RegistrationStatus.Waitlisted;
        return Enter(existing, patronId, status, onPartnerSeat: false, nowUtc);
    }

    /// <summary>
    /// Registers a client of <paramref name="partnerId"/> on one of the seats set aside for it; never more than
    /// <see cref="PartnerSeats"/> (the caller holds the session's lock). No waiting list: a full set is refused.
    /// </summary>
    public SessionRegistration RegisterOnPartnerSeat(Guid patronId, Guid partnerId, DateTime nowUtc)
    {
        if (SeatsPartnerId != partnerId || PartnerSeats == 0)
        {
            throw new DomainException(ErrorCodes.NotFound, "No seats of this session are set aside for your organisation.");
        }

        var existing = Admissible(patronId, nowUtc);
        if (PartnerSeatsTaken >= PartnerSeats)
        {
            throw new DomainException(ErrorCodes.Conflict, "All {0} seats set aside for your organisation are taken.", PartnerSeats);
        }

        return Enter(existing, patronId, RegistrationStatus.Registered, onPartnerSeat: true, nowUtc);
    }

    private SessionRegistration? Admissible(Guid patronId, DateTime nowUtc)
    {
        if (IsCancelled)
        {
            throw new DomainException(BookingRefusal.Of(ErrorCodes.RegistrationClosed, RefusalReasons.SessionCancelled, ("session", Title), ("reason", CancellationReason ?? "")));
        }

        if (nowUtc >= StartsAtUtc)
        {
            throw new DomainException(BookingRefusal.Of(ErrorCodes.RegistrationClosed, RefusalReasons.SessionStarted, ("session", Title)));
        }

        var existing = _registrations.FirstOrDefault(r => r.PatronId == patronId);
        if (existing is { IsActive: true })
        {
            throw new DomainException(BookingRefusal.Of(ErrorCodes.Conflict,
                existing.Status == RegistrationStatus.Waitlisted ? RefusalReasons.AlreadyWaitlisted : RefusalReasons.AlreadyRegistered, ("session", Title)));
        }

        return existing;
    }

    private SessionRegistration Enter(SessionRegistration? existing, Guid patronId, RegistrationStatus status, bool onPartnerSeat, DateTime nowUtc)
    {
        var line = _registrations.Count == 0 ? 1 : _registrations.Max(r => r.LineNumber) + 1;
        if (existing is not null)
        {
            existing.Rejoin(status, line, onPartnerSeat, nowUtc);
            return existing;
        }

        var registration = new SessionRegistration(Id, patronId, status, line, onPartnerSeat, nowUtc);
        _registrations.Add(registration);
        return registration;
    }

    /// <summary>The patron's place in line (1 = next to be promoted), or null when not waitlisted.</summary>
    public int? PositionInLine(SessionRegistration registration) =>
        registration.Status == RegistrationStatus.Waitlisted
            ? 1 + _registrations.Count(r => r.Status == RegistrationStatus.Waitlisted && r.LineNumber < registration.LineNumber)
            : null;

    /// <summary>Cancels the patron's registration; returns whoever was promoted from the waitlist into the freed place.</summary>
    public SessionRegistration? CancelRegistration(Guid patronId, DateTime nowUtc)
    {
        var registration = _registrations.FirstOrDefault(r => r.PatronId == patronId && r.IsActive)
            ?? throw new DomainException(BookingRefusal.Of(ErrorCodes.NotFound, RefusalReasons.NotRegistered, ("session", Title)));
        if (registration.Status is not (RegistrationStatus.Registered or RegistrationStatus.Waitlisted))
        {
            throw new DomainException(new BookingRefusal(ErrorCodes.InvalidState, RefusalReasons.AttendanceRecorded));
        }

        if (nowUtc >= StartsAtUtc)
        {
            throw new DomainException(BookingRefusal.Of(ErrorCodes.InvalidState, RefusalReasons.SessionUnderWay, ("session", Title)));
        }

        registration.Cancel(nowUtc);
        return IsCancelled ? null : PromoteNext(nowUtc);
    }

    /// <summary>Cancels the session; returns the patrons to tell (everyone registered or waiting).</summary>
    /// <summary>
    /// Changes what patrons read and who hosts; the room, time and capacity are held through reservations and
    /// registrations, so changing those is cancelling and scheduling again.
    /// </summary>
    public void Revise(string title, string? description, Guid? partnerId, DateTime nowUtc)
    {
        if (IsCancelled)
        {
            throw new DomainException(ErrorCodes.InvalidState, "The session is cancelled; it cannot be changed.");
        }

        if (nowUtc >= EndsAtUtc)
        {
            throw new DomainException(ErrorCodes.InvalidState, "The session is over; it cannot be changed.");
        }

        if (string.IsNullOrWhiteSpace(title))
        {
            throw Invalid("A session needs a title.");
        }

        if (PartnerSeats > 0 && partnerId is not null && partnerId == SeatsPartnerId)
        {
            throw Invalid(HostNeedsNoSeats);
        }

        Title = title.Trim();
        Description = description?.Trim() ?? "";
        PartnerId = partnerId;
    }

    /// <summary>
    /// Sets aside <paramref name="seats"/> of the capacity for <paramref name="partnerId"/>'s clients (0 and null: none),
    /// never for <paramref name="hostPartnerId"/> (the host once the change is saved), never fewer than its clients already
    /// hold, nor more than the public has left; the caller holds the session's lock. Returns whoever the waiting list
    /// promoted into public places this freed.
    /// </summary>
    public IReadOnlyList<SessionRegistration> SetAsideSeats(Guid? partnerId, int seats, Guid? hostPartnerId, DateTime nowUtc)
    {
        if (IsCancelled)
        {
            throw new DomainException(ErrorCodes.InvalidState, "The session is cancelled; it cannot be changed.");
        }

        if (nowUtc >= EndsAtUtc)
        {
            throw new DomainException(ErrorCodes.InvalidState, "The session is over; it cannot be changed.");
        }

        if (seats < 0 || seats > Capacity || (seats > 0) != (partnerId is not null))
        {
            throw Invalid(SeatsOutOfRange);
        }

        if (seats > 0 && partnerId == hostPartnerId)
        {
            throw Invalid(HostNeedsNoSeats);
        }

        if (SeatsChangeRefusal(partnerId, seats) is { } refused)
        {
            throw new DomainException(ErrorCodes.Conflict, refused.Sentence, refused.Arguments);
        }

        SeatsPartnerId = seats > 0 ? partnerId : null;
        PartnerSeats = seats;
        var promoted = new List<SessionRegistration>();
        while (PromoteNext(nowUtc) is { } next)
        {
            promoted.Add(next);
        }

        return promoted;
    }

    /// <summary>
    /// Why the seats set aside may not become <paramref name="seats"/> for <paramref name="partnerId"/> given who holds
    /// places now (the partner's clients on them, the public's), or null. The session forms say it beside the field;
    /// <see cref="SetAsideSeats"/> refuses with it under the lock.
    /// </summary>
    public SeatsRefusal? SeatsChangeRefusal(Guid? partnerId, int seats)
    {
        var held = PartnerSeatsTaken;
        if (seats < held)
        {
            return new SeatsRefusal(false, "The partner's clients already hold {0} of the seats set aside: set aside at least {0}.", [held]);
        }

        if (held > 0 && partnerId != SeatsPartnerId)
        {
            return new SeatsRefusal(true, "The partner's clients already hold {0} of the seats set aside: keep that partner while they are registered.", [held]);
        }

        var free = Capacity - PublicPlacesTaken;
        return seats > free
            ? new SeatsRefusal(false, "The public holds {0} of the {1} places: set aside at most {2}.", [PublicPlacesTaken, Capacity, free])
            : null;
    }

    public IReadOnlyList<Guid> Cancel(string? reason, DateTime nowUtc)
    {
        if (IsCancelled)
        {
            throw new DomainException(ErrorCodes.InvalidState, "The session is already cancelled.");
        }

        if (nowUtc >= EndsAtUtc)
        {
            throw new DomainException(ErrorCodes.InvalidState, "The session is over; it cannot be cancelled.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw Invalid("Give a reason for cancelling the session; registrants are told.");
        }

        CancelledAtUtc = nowUtc;
        CancellationReason = reason.Trim();
        return _registrations.Where(r => r.Status is RegistrationStatus.Registered or RegistrationStatus.Waitlisted).Select(r => r.PatronId).ToList();
    }

    /// <summary>
    /// Records whether a registered patron came and, for a training, passed. Possible from the start of
    /// the session; a pass is final (revoke the certification to undo its effect).
    /// </summary>
    public SessionRegistration MarkAttendance(Guid patronId, bool attended, bool passed, Guid staffId, DateTime nowUtc)
    {
        if (IsCancelled)
        {
            throw new DomainException(ErrorCodes.InvalidState, "The session was cancelled.");
        }

        if (nowUtc < StartsAtUtc)
        {
            throw new DomainException(ErrorCodes.InvalidState, "Attendance is recorded once the session has started.");
        }

        if (passed && Kind != SessionKind.Training)
        {
            throw Invalid("Only a training has a pass.");
        }

        if (passed && !attended)
        {
            throw Invalid("A patron who did not attend cannot pass.");
        }

        var registration = _registrations.FirstOrDefault(r => r.PatronId == patronId && r.IsActive)
            ?? throw new DomainException(ErrorCodes.NotFound, "That patron is not registered for this session.");
        switch (registration.Status)
        {
            case RegistrationStatus.Waitlisted:
                throw new DomainException(ErrorCodes.InvalidState, "That patron is on the waitlist, not registered.");
            case RegistrationStatus.Passed:
                throw new DomainException(ErrorCodes.InvalidState, "That patron has already passed; revoke the certification instead.");
        }

        registration.Mark(passed ? RegistrationStatus.Passed : attended ? RegistrationStatus.Attended : RegistrationStatus.NoShow, staffId, nowUtc);
        return registration;
    }

    private SessionRegistration? PromoteNext(DateTime nowUtc)
    {
        // A freed set-aside seat stays the partner's: only a public place promotes the line.
        if (PublicPlacesTaken >= PublicCapacity)
        {
            return null;
        }

        var next = _registrations.Where(r => r.Status == RegistrationStatus.Waitlisted).OrderBy(r => r.LineNumber).FirstOrDefault();
        next?.Promote(nowUtc);
        return next;
    }

    private static DomainException Invalid(string message) => new(ErrorCodes.Validation, message);
}

/// <summary>A refused change of a session's seats set aside: the English sentence (placeholder form) and its arguments, and whether it is about the partner chosen rather than the number.</summary>
public sealed record SeatsRefusal(bool AboutPartner, string Sentence, object[] Arguments);
