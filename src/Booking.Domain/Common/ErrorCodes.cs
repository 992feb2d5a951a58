namespace Booking.Domain.Common;

/// <summary>
/// Every refusal's stable code, the API's <c>code</c> field (SPEC.md's error table). One vocabulary for the
/// domain, the workflows and the web app; Booking.Web maps each to its HTTP status in one place.
/// </summary>
public static class ErrorCodes
{
    /// <summary>Malformed input, a missing field, an end before its start (400).</summary>
    public const string Validation = "validation";

    /// <summary>A staff or admin action by someone without the role (403).</summary>
    public const string Forbidden = "forbidden";

    /// <summary>An unknown id, or someone else's (404).</summary>
    public const string NotFound = "not-found";

    /// <summary>The state already holds (a valid grant, a registration) (409).</summary>
    public const string Conflict = "conflict";

    /// <summary>A state change the current status does not allow, e.g. checking in a cancelled reservation (409).</summary>
    public const string InvalidState = "invalid-state";

    /// <summary>The slot, buffers included, is taken (409).</summary>
    public const string SlotTaken = "slot-taken";

    /// <summary>A required certification is missing or expires before the end (403).</summary>
    public const string CertificationRequired = "certification-required";

    // The booking policy's refusals (422).
    public const string OutsideOpeningHours = "outside-opening-hours";
    public const string Closed = "closed";
    public const string Duration = "duration";
    public const string LeadTime = "lead-time";
    public const string AdvanceWindow = "advance-window";
    public const string Quota = "quota";
    public const string Maintenance = "maintenance";
    public const string OutOfService = "out-of-service";

    /// <summary>Too many no-shows of the kind: no new bookings of it until the suspension ends (422).</summary>
    public const string Suspended = "suspended";

    /// <summary>Check-in before its window opens or after the no-show grace (422).</summary>
    public const string CheckInWindow = "check-in-window";

    /// <summary>A grant whose prerequisite certifications the patron does not hold (422).</summary>
    public const string PrerequisiteMissing = "prerequisite-missing";

    /// <summary>Registration for a session that has started, ended or been cancelled (422).</summary>
    public const string RegistrationClosed = "registration-closed";

    /// <summary>The password was right, but the account's address is not confirmed yet (403).</summary>
    public const string EmailUnconfirmed = "email-unconfirmed";

    /// <summary>Too many attempts in a short time (429).</summary>
    public const string RateLimited = "rate-limited";

    /// <summary>A request body larger than the API takes (413).</summary>
    public const string TooLarge = "too-large";

    /// <summary>The database cannot be reached just now (a restart, a failover); nothing was changed, try again (503).</summary>
    public const string Unavailable = "unavailable";
}
