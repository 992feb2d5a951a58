namespace Booking.Domain.Reservations;

/// <summary>Which sentence a refusal says: each a key of <c>RefusalWords.resx</c> (and its translations).</summary>
public static class RefusalReasons
{
    // The booking rules.
    public const string Suspended = "suspended";
    public const string EndAfterStart = "validation.end-after-start";
    public const string OutOfService = "out-of-service";
    public const string CertificationRequired = "certification-required";
    public const string DurationRange = "duration.range";
    public const string DurationSteps = "duration.steps";
    public const string LeadTimeOver = "lead-time.over";
    public const string LeadTimeStarted = "lead-time.started";
    public const string LeadTimeAhead = "lead-time.ahead";
    public const string AdvanceWindow = "advance-window";
    public const string ClosedThatDay = "outside-opening-hours.closed-day";
    public const string OpenHours = "outside-opening-hours.open";
    public const string Closed = "closed";
    public const string Maintenance = "maintenance";
    public const string SlotTaken = "slot-taken";
    public const string SlotTakenWithBuffer = "slot-taken.buffer";
    public const string WaitlistHint = "slot-taken.waitlist-hint";
    public const string ActiveLimit = "quota.active";
    public const string ActiveLimitOne = "quota.active.one";
    public const string WeeklyHours = "quota.weekly";

    // The workflows and pages around a booking.
    public const string OnlyStaffOnBehalf = "forbidden.on-behalf";
    public const string OnlyStaffSeries = "forbidden.series";
    public const string NoResource = "not-found.resource";
    public const string NoPatron = "not-found.patron";
    public const string NoPatronWithEmail = "validation.no-patron-email";
    public const string PartnerKind = "forbidden.partner-kind";
    public const string PartnerWeeklyHours = "quota.partner-weekly";
    public const string NotPartnersClient = "not-found.partner-client";
    public const string JustBooked = "slot-taken.just-booked";
    public const string NotesTooLong = "validation.notes";
    public const string SeriesPlan = "validation.series-plan";
    public const string ClocksGoForward = "validation.clocks-forward";
    public const string GiveDateAndTimes = "validation.date-and-times";
    public const string YearOutsideWindow = "validation.year-window";
    public const string TimeIsFree = "conflict.time-free";
    public const string AlreadyWaiting = "conflict.already-waiting";
    public const string SessionRoom = "session.room";
    public const string SessionDesks = "session.desks";
    public const string SessionJustBooked = "session.just-booked";

    // A reservation's life, waiting-list offers and session places.
    public const string CannotApprove = "invalid-state.approve";
    public const string CannotReject = "invalid-state.reject";
    public const string CannotCancel = "invalid-state.cancel";
    public const string CannotCheckIn = "invalid-state.check-in";
    public const string CannotComplete = "invalid-state.complete";
    public const string CannotReleaseNoShow = "invalid-state.no-show";
    public const string NoOpenOffer = "invalid-state.no-offer";
    public const string OfferLapsed = "invalid-state.offer-lapsed";
    public const string NoWaitlistOffer = "invalid-state.no-waitlist-offer";
    public const string NoLongerWaiting = "invalid-state.left-waitlist";
    public const string CheckInNotYet = "check-in-window.not-yet";
    public const string CheckInClosed = "check-in-window.closed";
    public const string ReasonTooLong = "validation.reason-length";
    public const string OfferNotYours = "forbidden.offer-not-yours";
    public const string LaptopAtDesk = "forbidden.laptop-desk";
    public const string NoReservation = "not-found.reservation";
    public const string NoSession = "not-found.session";
    public const string SessionCancelled = "registration-closed.cancelled";
    public const string SessionStarted = "registration-closed.started";
    public const string AlreadyRegistered = "conflict.registered";
    public const string AlreadyRegisteredHere = "conflict.registered-this";
    public const string AlreadyWaitlisted = "conflict.waitlisted";
    public const string NotRegistered = "not-found.registration";
    public const string AttendanceRecorded = "invalid-state.attendance-recorded";
    public const string SessionUnderWay = "invalid-state.session-started";
    public const string ReturnFirst = "invalid-state.return-first";
}
