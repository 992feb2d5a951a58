namespace Booking.Domain.Certifications;

/// <summary>Refusal codes of certification and session actions beyond the booking ones; each is the API's <c>code</c>.</summary>
public static class CertificationError
{
    public const string Validation = "validation";
    public const string NotFound = "not-found";

    /// <summary>The state already holds (a valid grant, a registration): 409.</summary>
    public const string Conflict = "conflict";

    public const string InvalidState = "invalid-state";

    /// <summary>A grant whose prerequisite certifications the patron does not hold: 422.</summary>
    public const string PrerequisiteMissing = "prerequisite-missing";

    /// <summary>Registration for a session that has started, ended or been cancelled: 422.</summary>
    public const string RegistrationClosed = "registration-closed";
}
